package dev.scafctl.cli

import dev.scafctl.plugin.LockFile
import dev.scafctl.plugin.Platform
import dev.scafctl.support.PluginMirror
import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonSlurper
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** {@code plugins lock}: the lock from the catalogs, written without building, and named where a lock has drifted. */
class PluginsLockCliSpec extends Specification {
    ScafctlProcess user = ScafctlProcess.inTempHome()
    PluginMirror mirror = new PluginMirror(user.home.resolve('mirror'))
    Path solution = user.solutionNeeding('tool')
    String here = Platform.current().toString()

    def setup() {
        def config = user.home.resolve('config/scafctl/config.yaml')
        Files.createDirectories(config.parent)
        Files.writeString(config, "catalogs:\n  - {name: mirror, type: filesystem, path: ${mirror.dir}}\n")
    }

    def cleanup() {
        user.home.toFile().deleteDir()
    }

    def "a new plugin release moves the lock on with plugins lock, which the drift message names"() {
        given: 'a lock made for 1.0.0'
        def first = mirror.add('tool', '1.0.0', here)
        def made = user.run('plugins', 'lock', '-f', solution.toString(), '-o', 'json')
        assert made.exitCode == 0: made.toString()
        assert new JsonSlurper().parseText(made.stdout)*.version == ['1.0.0']
        assert Files.readString(LockFile.pathBeside(solution)).contains(first.toString())

        and: 'then the catalog publishes 1.1.0'
        def second = mirror.add('tool', '1.1.0', here)

        when: 'CI checks the lock'
        def check = user.run('plugins', 'install', '-f', solution.toString(), '--locked')
        def drift = checkLock()

        then: 'the pinned version still installs, and the drift check names the command that moves it on'
        check.exitCode == 0
        drift.contains("plugins lock -f ${solution}")

        when: 'the lock is refreshed, without a build'
        def refreshed = user.run('plugins', 'lock', '-f', solution.toString())

        then: 'it pins 1.1.0 and its digest, and says it wrote the file'
        refreshed.exitCode == 0
        refreshed.stdout.contains('1.1.0')
        refreshed.stderr.contains("wrote ${LockFile.pathBeside(solution)}")
        Files.readString(LockFile.pathBeside(solution)).contains(second.toString())

        and: 'nothing was built into the local catalog'
        new JsonSlurper().parseText(user.run('catalog', 'list', '-o', 'json').stdout) == []
    }

    def "--platform that a plugin has no binary for fails and leaves the lock as it was"() {
        given:
        mirror.add('tool', '1.0.0', here)
        assert user.run('plugins', 'lock', '-f', solution.toString()).exitCode == 0
        def before = Files.readString(LockFile.pathBeside(solution))
        mirror.add('tool', '1.2.0', here)

        when:
        def r = user.run('plugins', 'lock', '-f', solution.toString(), '--platform', 'windows/arm64')

        then:
        r.exitCode == 1
        r.stderr.contains("plugin tool@1.2.0 in catalog mirror has no binary for windows/arm64; it has: ${here}")
        r.stderr.contains('the lock was not written')
        Files.readString(LockFile.pathBeside(solution)) == before
    }

    /** The library's drift check, which CI scripts and the DSL's checkLock call. */
    private String checkLock() {
        def paths = new dev.scafctl.config.Paths(user.home.resolve('config/scafctl'), user.home.resolve('data/scafctl'),
                user.home.resolve('cache/scafctl'))
        def api = dev.scafctl.Scafctl.builder().paths(paths).build()
        try {
            api.checkLock(api.loadSolution(solution))
            return ''
        } catch (dev.scafctl.error.ScafctlException e) {
            return e.message + '\n' + e.nextStep()
        }
    }
}
