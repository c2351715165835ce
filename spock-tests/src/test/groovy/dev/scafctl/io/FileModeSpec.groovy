package dev.scafctl.io

import dev.scafctl.plugin.Platform
import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Unroll

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * The modes of the files scafctl writes for the user: a lock file is committed and read by others,
 * like any source file; the credentials file is its owner's alone.
 */
class FileModeSpec extends Specification {
    @Shared @AutoCleanup RegistryFixture registry = RegistryFixture.startWithBasicAuth()
    @Shared ScafctlProcess scafctl = ScafctlProcess.inTempHome()
    @Shared Path solution

    def setupSpec() {
        def bin = scafctl.home.resolve('tool-bin')
        Files.writeString(bin, "#!/bin/sh\nexit 3\n")
        ok scafctl.run('build', 'plugin', '--name', 'tool', '--kind', 'provider', '--version', '1.2.0',
                '--platform', "${Platform.current()}=${bin}".toString())
        solution = scafctl.solutionNeeding('tool')
        scafctl.env.DOCKER_CONFIG = scafctl.home.resolve('docker').toString()
    }

    def cleanupSpec() {
        scafctl.home.toFile().deleteDir()
    }

    @Unroll
    def "#file written by '#command' has mode #mode"() {
        given: 'the command that writes it'
        scafctl.input = input

        when: 'it runs'
        def r = scafctl.run(args())

        then: 'the file is there with its mode'
        ok r
        PosixFilePermissions.toString(Files.getPosixFilePermissions(path())) == mode

        cleanup:
        scafctl.input = null

        where:
        file                 | command          | input                           | args                                                                                             | path                                                           || mode
        '.scafctl.lock.yaml' | 'build solution' | null                            | { ['build', 'solution', '-f', solution.toString(), '--version', '1.0.0'] }                       | { solution.resolveSibling('.scafctl.lock.yaml') }              || 'rw-r--r--'
        'credentials.json'   | 'catalog login'  | RegistryFixture.PASSWORD + '\n' | { ['catalog', 'login', registry.host, '--username', RegistryFixture.USER, '--password-stdin'] } | { scafctl.home.resolve('config/scafctl/credentials.json') }    || 'rw-------'
    }

    static void ok(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }
}
