package dev.scafctl.cli

import dev.scafctl.plugin.Platform
import dev.scafctl.support.Processes
import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * Every transfer draws the same bar on a terminal, naming the artifact, its version and platform;
 * off a terminal there is no bar, and with -v one line per finished transfer.
 */
class TransferProgressSpec extends Specification {
    @Shared @AutoCleanup RegistryFixture registry = RegistryFixture.start()
    @Shared Path echo = ScafctlProcess.root().resolve('examples/plugins/echo/target/echo')
    @Shared String here = Platform.current().toString()
    /** A platform this machine is not, so that the published plugin has two. */
    static final String OTHER = 'windows/arm64'

    ScafctlProcess publisher
    ScafctlProcess user
    String target
    Path app

    def setup() {
        assert Files.isExecutable(echo): 'the echo example plugin is built by the Maven build'
        publisher = ScafctlProcess.inTempHome()
        user = ScafctlProcess.inTempHome()
        target = "${registry.host}/progress${UUID.randomUUID().toString().take(8)}"
        def other = Files.writeString(publisher.home.resolve('other'), '#!/bin/sh\n' + ('#' * (3 << 20)) + '\nexit 3\n')
        ok publisher.run('build', 'plugin', '--name', 'echo', '--kind', 'provider', '--version', '1.2.0',
                '--platform', "${here}=${echo}".toString(), '--platform', "${OTHER}=${other}".toString())
        ok publisher.run('catalog', 'push', 'echo@1.2.0', '--catalog', target)
        ok user.run('config', 'add-catalog', 'team', '--type', 'oci', '--url', target, '--default')
        app = Files.createDirectories(user.home.resolve('app')).resolve('solution.yaml')
        Files.copy(ScafctlProcess.root().resolve('examples/plugins/echo/solution.yaml'), app)
    }

    def cleanup() {
        Processes.killAll(user.home.toString())
        [publisher, user].each { it?.home?.toFile()?.deleteDir() }
    }

    static void ok(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }

    /** What each command moves, and who runs it: the publisher has the artifact to push, the user an empty cache. */
    ScafctlProcess.Result transfer(String command, Map<String, String> env, List<String> extra) {
        switch (command) {
            case 'catalog push':
                // to a repository of its own each time, so that every blob is uploaded
                return publisher.run(['catalog', 'push', 'echo@1.2.0', '--catalog', "${target}-${UUID.randomUUID().toString().take(8)}".toString()]
                        + extra, env)
            case 'catalog pull':
                return user.run(['catalog', 'pull', "${target}/providers/echo@1.2.0".toString()] + extra, env)
            case 'plugins install':
                return user.run(['plugins', 'install', '-f', app.toString(), '--platform', here, '--platform', OTHER] + extra, env)
            case 'run solution':
                return user.run(['run', 'solution', '-f', app.toString(), '-r', 'who=a terminal', '-o', 'json'] + extra, env)
        }
        throw new IllegalArgumentException(command)
    }

    /** The bar's drawings: what follows a carriage return and erase-line up to the next one, on the same line. */
    static List<String> drawings(String stderr) {
        stderr.split('\r').findAll { it.startsWith('\u001b[K') && it.length() > 3 && !it.contains('\n') }.collect { it.substring(3) }
    }

    /** Runs the command again from the start: the user's catalog and cache, the publisher's cache, emptied. */
    void forget() {
        [publisher, user].each { it.home.resolve('cache').toFile().deleteDir() }
        user.home.resolve('data').toFile().deleteDir()
    }

    def "#command draws a bar '#verb echo 1.2.0 <platform>' for #platforms on a terminal, and none off it"() {
        when: 'stderr is taken for a terminal'
        def r = transfer(command, [SCAFCTL_PROGRESS: 'bar'], [])

        then: 'each platform moved has its bar, with the artifact, version and platform, and how much of it has gone'
        ok r
        def bars = drawings(r.stderr)
        platforms.every { p -> bars.any { it ==~ /${verb} echo 1\.2\.0 ${p} \[[# ]{16}\] .*B\/.*B( \(\+\d+ more\))?/ } }

        and: 'no bar names a platform that was not moved'
        bars.every { b -> platforms.any { b.startsWith("${verb} echo 1.2.0 ${it} ") } }

        and: 'the bar is taken off the line once the transfers are done'
        int lastBar = r.stderr.lastIndexOf('\r\u001b[K' + bars.last())
        r.stderr.indexOf('\r\u001b[K', lastBar + 1) > lastBar

        when: 'stderr is a pipe, as in CI'
        forget()
        def quiet = transfer(command, [:], [])

        then: 'nothing about transfers: no carriage return, no bar, no line'
        ok quiet
        !quiet.stderr.contains('\r')
        !quiet.stderr.contains('echo 1.2.0')

        when: 'the same with -v'
        forget()
        def verbose = transfer(command, [:], ['-v'])

        then: 'one line for each platform moved, with the verb of its direction, and still no bar'
        ok verbose
        !verbose.stderr.contains('\r')
        def lines = verbose.stderr.readLines().findAll { it.contains(' echo 1.2.0 ') && it =~ /^(pushed|fetched|pushing|fetching) / }
        lines.collect { it.split(' ')[0..3].join(' ') }.sort() == platforms.collect { "${done} echo 1.2.0 ${it}".toString() }.sort()

        where:
        command           || verb       | done      | platforms
        'catalog push'    || 'pushing'  | 'pushed'  | [here, OTHER]
        'catalog pull'    || 'fetching' | 'fetched' | [here, OTHER]
        'plugins install' || 'fetching' | 'fetched' | [here, OTHER]
        'run solution'    || 'fetching' | 'fetched' | [here]
    }

    def "a real terminal gets the bar without being told"() {
        when: 'the push runs on a pseudo-terminal'
        def r = publisher.runOnTerminal(['catalog', 'push', 'echo@1.2.0', '--catalog', target + '-tty'], [TERM: 'xterm'])

        then: 'the bar is drawn there, and the result follows on a line of its own'
        r.exitCode == 0
        drawings(r.stdout).any { it.startsWith("pushing echo 1.2.0 ${here} [") }
        r.stdout.contains("\r\u001b[Kpushed ${target}-tty/providers/echo:1.2.0\r\n")
    }
}
