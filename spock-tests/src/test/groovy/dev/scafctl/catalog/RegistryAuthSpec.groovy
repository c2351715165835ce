package dev.scafctl.catalog

import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/** Credentials against a registry that demands basic auth: login/logout, docker's config.json, and no leaks. */
class RegistryAuthSpec extends Specification {
    @Shared
    @AutoCleanup
    RegistryFixture registry = RegistryFixture.startWithBasicAuth()

    static final Path HELLO = ScafctlProcess.root().resolve('examples/hello/solution.yaml')

    ScafctlProcess scafctl

    def setup() {
        // created here, not in a field initializer, so data-table evaluation creates no stray home
        scafctl = ScafctlProcess.inTempHome()
        // no docker config of the machine running the tests may leak in
        scafctl.env.DOCKER_CONFIG = scafctl.home.resolve('docker').toString()
        assertOk scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')
    }

    def cleanup() {
        scafctl?.home?.toFile()?.deleteDir()
    }

    def "without credentials a push fails saying how to log in"() {
        when:
        def push = scafctl.run('catalog', 'push', 'hello@1.0.0', '--catalog', "${registry.host}/auth")

        then:
        push.exitCode == 1
        push.stderr.contains("registry ${registry.host} requires authentication")
        push.stderr.contains("scafctl catalog login ${registry.host}")
    }

    def "login checks the password, stores it privately and never prints it; logout forgets it"() {
        when: 'a wrong password, then the right one'
        scafctl.input = 'wrong-password\n'
        def wrong = scafctl.run('-v', 'catalog', 'login', registry.host, '--username', RegistryFixture.USER, '--password-stdin')
        scafctl.input = RegistryFixture.PASSWORD + '\n'
        def login = scafctl.run('catalog', 'login', registry.host, '--username', RegistryFixture.USER, '--password-stdin')
        scafctl.input = null
        def push = scafctl.run('-v', 'catalog', 'push', 'hello@1.0.0', '--catalog', "${registry.host}/auth")
        def logout = scafctl.run('catalog', 'logout', registry.host)
        def after = scafctl.run('catalog', 'push', 'hello@1.0.0', '--catalog', "${registry.host}/auth", '--force')

        then: 'the wrong one is rejected, saying so, and nothing is stored'
        wrong.exitCode == 1
        wrong.stderr.contains("Error: registry ${registry.host} rejected the username or password of user '${RegistryFixture.USER}' (401 Unauthorized)")
        wrong.stderr.contains('nothing was stored')
        !wrong.stderr.readLines().find { it.startsWith('Error:') }.contains('stored credentials')

        and: 'the right one is stored with mode 0600 and works'
        assertOk login
        assertOk push
        def stored = scafctl.home.resolve('config/scafctl/credentials.json')
        assertOk logout
        !Files.readString(stored).contains(registry.host)

        and: 'after logout the registry asks again'
        after.exitCode == 1

        and: 'no output ever shows the password'
        [wrong, login, push, logout, after].every { !it.stdout.contains(RegistryFixture.PASSWORD) && !it.stderr.contains(RegistryFixture.PASSWORD) }
    }

    def "the credentials file is readable by its owner only"() {
        when:
        scafctl.input = RegistryFixture.PASSWORD
        def login = scafctl.run('catalog', 'login', registry.host, '--username', RegistryFixture.USER, '--password-stdin')

        then:
        assertOk login
        PosixFilePermissions.toString(Files.getPosixFilePermissions(scafctl.home.resolve('config/scafctl/credentials.json'))) == 'rw-------'
    }

    def "credentials come from docker's config.json"() {
        given: 'an auths entry as docker login writes it'
        def docker = Files.createDirectories(scafctl.home.resolve('docker'))
        def auth = Base64.encoder.encodeToString("${RegistryFixture.USER}:${RegistryFixture.PASSWORD}".getBytes('UTF-8'))
        Files.writeString(docker.resolve('config.json'), """{"auths": {"${registry.host}": {"auth": "${auth}"}}}""")

        when:
        def push = scafctl.run('catalog', 'push', 'hello@1.0.0', '--catalog', "${registry.host}/docker-auth", '--force')
        def pull = scafctl.run('catalog', 'pull', "${registry.host}/docker-auth/solutions/hello@1.0.0")

        then:
        assertOk push
        assertOk pull
    }

    def "credentials come from a docker credential helper"() {
        given: 'a credHelpers entry naming a helper script on the PATH'
        def bin = Files.createDirectories(scafctl.home.resolve('bin'))
        def helper = bin.resolve('docker-credential-fake')
        Files.writeString(helper, """#!/bin/sh
read host
[ "\$1" = get ] && [ "\$host" = "${registry.host}" ] || exit 1
printf '{"ServerURL":"%s","Username":"${RegistryFixture.USER}","Secret":"${RegistryFixture.PASSWORD}"}' "\$host"
""")
        helper.toFile().setExecutable(true)
        def docker = Files.createDirectories(scafctl.home.resolve('docker'))
        Files.writeString(docker.resolve('config.json'), """{"credHelpers": {"${registry.host}": "fake"}}""")

        when:
        def push = scafctl.run(['catalog', 'push', 'hello@1.0.0', '--catalog', "${registry.host}/helper-auth".toString(), '--force'],
                [PATH: "${bin}:${System.getenv('PATH')}".toString()])

        then:
        assertOk push
    }

    private static void assertOk(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }
}
