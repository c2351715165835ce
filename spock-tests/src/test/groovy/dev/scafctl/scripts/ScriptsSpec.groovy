package dev.scafctl.scripts

import dev.scafctl.oci.Digest
import dev.scafctl.plugin.Platform
import dev.scafctl.support.Processes
import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonSlurper
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** The workflow scripts under scripts/, run as a team would run them, against a real registry. */
class ScriptsSpec extends Specification {
    @Shared @AutoCleanup RegistryFixture registry = RegistryFixture.start()
    @Shared Path root = ScafctlProcess.root()
    @Shared Path echo = root.resolve('examples/plugins/echo/target/echo')
    @Shared String here = Platform.current().toString()

    ScafctlProcess publisher = ScafctlProcess.inTempHome()
    ScafctlProcess user = ScafctlProcess.inTempHome()
    String ns = 'scripts' + UUID.randomUUID().toString().take(8)
    Path app

    def setup() {
        ok user.run('config', 'add-catalog', 'team', '--type', 'oci', '--url', "${registry.host}/${ns}", '--default')
        app = user.home.resolve('app/solution.yaml')
        Files.createDirectories(app.parent)
        Files.copy(root.resolve('examples/plugins/echo/solution.yaml'), app)
    }

    def cleanup() {
        Processes.killAll(user.home.toString())
        [publisher.home, user.home].each { it.toFile().deleteDir() }
    }

    static void ok(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }

    ScafctlProcess.Result script(ScafctlProcess who, String name, List<String> args) {
        who.run(['dsl', 'run', root.resolve("scripts/${name}").toString()] + args)
    }

    Path fake(String text) {
        def f = Files.createTempFile(publisher.home, 'bin', '')
        Files.writeString(f, "#!/bin/sh\n# ${text}\nexit 3\n")
        f
    }

    /** Publishes the echo plugin for this platform (the real one) and linux/arm64 (a stand-in file). */
    void release(String version) {
        def r = script(publisher, 'release-plugin.groovy', ['echo', version, "${registry.host}/${ns}".toString(),
                "${here}=${echo}".toString(), "linux/arm64=${fake('arm64 ' + version)}".toString()])
        ok r
    }

    def "release-plugin builds, pushes, pulls back and verifies every platform"() {
        when:
        def r = script(publisher, 'release-plugin.groovy', ['echo', '1.0.0', "${registry.host}/${ns}".toString(),
                "${here}=${echo}".toString(), "linux/arm64=${fake('arm64')}".toString()])

        then:
        r.exitCode == 0
        r.stdout.contains("pushed ${registry.host}/${ns}/providers/echo:1.0.0")
        r.stdout.contains("verified ${here} ${Digest.of(echo)}")
        r.stdout.contains('verified linux/arm64 ')

        and: 'its log calls the uploads pushed and only the read-back fetched, one line per platform each'
        def moved = r.stderr.readLines().findAll { it =~ /^\[scafctl\] (pushed|fetched) / }*.split(' ')
        moved.collect { it[1] } == ['pushed', 'pushed', 'fetched', 'fetched']
        moved.every { it[2] == 'echo' && it[3] == '1.0.0' }
        moved.findAll { it[1] == 'pushed' }.collect { it[4] } as Set == [here, 'linux/arm64'] as Set
        moved.findAll { it[1] == 'fetched' }.collect { it[4] } as Set == [here, 'linux/arm64'] as Set
    }

    def "install-all-platforms installs every platform the lock pins, in one cache"() {
        given:
        release('1.0.0')
        ok user.run('build', 'solution', '-f', app.toString())
        def cache = user.home.resolve('shared-cache')

        when:
        def r = script(user, 'install-all-platforms.groovy', [app.toString(), cache.toString()])

        then:
        r.exitCode == 0
        r.stdout.readLines().collect { it.split(' ')[1] }.sort() == [here, 'linux/arm64'].unique().sort()
        Digest.of(cache.resolve("echo/1.0.0/${Platform.current().dirName()}/echo")) == Digest.of(echo)
        Files.exists(cache.resolve('echo/1.0.0/linux-arm64/echo'))
    }

    def "ci installs as locked, runs, and fails once the catalog drifts from the lock"() {
        given:
        release('1.0.0')
        ok user.run('build', 'solution', '-f', app.toString())

        when:
        def green = script(user, 'ci.groovy', [app.toString(), 'who=ci'])

        then:
        green.exitCode == 0
        new JsonSlurper().parseText(green.stdout.readLines().last()).shout == 'HELLO FROM CI'

        when: 'a newer compatible version is published'
        release('1.1.0')
        def drifted = script(user, 'ci.groovy', [app.toString(), 'who=ci'])

        then:
        drifted.exitCode == 1
        drifted.stderr.contains('has drifted')
        drifted.stderr.contains('echo@1.1.0')
    }

    def "ci fails without a lock"() {
        when:
        def r = script(user, 'ci.groovy', [app.toString()])

        then:
        r.exitCode == 2
        r.stderr.contains('--locked: the solution has no lock file')
    }

    def "air-gapped: save on a connected machine, load into an empty data directory, run with no registry"() {
        given: 'a released plugin and a locked solution on the connected side'
        release('1.0.0')
        ok user.run('build', 'solution', '-f', app.toString())
        def archive = user.home.resolve('bundle.tar')

        when:
        def saved = script(user, 'airgap-save.groovy', [app.toString(), archive.toString()])

        then:
        saved.exitCode == 0
        saved.stdout.contains('saved provider echo@1.0.0')
        saved.stdout.contains('saved solution echo-demo@1.0.0')

        when: 'a machine with no catalogs configured at all loads it and runs'
        def offline = ScafctlProcess.inTempHome()
        def r = script(offline, 'airgap-load.groovy', [archive.toString(), 'who=the air gap'])

        then:
        r.exitCode == 0
        r.stdout.contains('loaded provider echo@1.0.0')
        new JsonSlurper().parseText(r.stdout.readLines().last()).shout == 'HELLO FROM THE AIR GAP'
        !Files.exists(offline.home.resolve('config/scafctl/config.yaml'))

        cleanup:
        Processes.killAll(offline?.home?.toString() ?: 'never-matches')
        offline?.home?.toFile()?.deleteDir()
    }
}
