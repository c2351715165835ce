package dev.scafctl.catalog

import dev.scafctl.plugin.Platform
import dev.scafctl.support.FaultProxy
import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Unroll

import java.nio.file.Files
import java.nio.file.Path

/**
 * Access faults against the real registry with basic auth (htpasswd), behind a {@link FaultProxy}:
 * 401 and 403 say how to log in, a redirect to another host carries no credentials, and no
 * command, failing or not, ever shows the password in any form.
 */
class RegistryFaultAuthSpec extends Specification {
    @Shared @AutoCleanup RegistryFixture registry = RegistryFixture.startWithBasicAuth()
    @Shared ScafctlProcess publisher = ScafctlProcess.inTempHome()
    @Shared String here = Platform.current().toString()

    static final Map<String, String> FAST = [SCAFCTL_REGISTRY_ATTEMPTS: '2', SCAFCTL_REGISTRY_BACKOFF: '10ms',
                                             SCAFCTL_REGISTRY_MAX_BACKOFF: '20ms']
    static final String BASIC = Base64.encoder.encodeToString("${RegistryFixture.USER}:${RegistryFixture.PASSWORD}".getBytes('UTF-8'))

    FaultProxy proxy
    ScafctlProcess user

    def setupSpec() {
        publisher.env.DOCKER_CONFIG = publisher.home.resolve('docker').toString()
        def file = publisher.home.resolve('tool')
        Files.writeString(file, "#!/bin/sh\nexit 3\n")
        ok publisher.run('build', 'plugin', '--name', 'tool', '--kind', 'provider', '--version', '1.0.0', '--platform', "${here}=${file}".toString())
        publisher.input = RegistryFixture.PASSWORD + '\n'
        ok publisher.run('catalog', 'login', registry.host, '--username', RegistryFixture.USER, '--password-stdin')
        publisher.input = null
        ok publisher.run('catalog', 'push', 'tool@1.0.0', '--catalog', "${registry.host}/auth")
    }

    def cleanupSpec() {
        publisher.home.toFile().deleteDir()
    }

    def setup() {
        proxy = new FaultProxy('127.0.0.1', registry.port)
        user = ScafctlProcess.inTempHome()
        user.env.putAll(FAST)
        // no docker config of the machine running the tests may leak in
        user.env.DOCKER_CONFIG = user.home.resolve('docker').toString()
    }

    def cleanup() {
        proxy?.close()
        user?.home?.toFile()?.deleteDir()
    }

    @Unroll
    def "#situation: the pull fails saying how to log in, and nothing is stored"() {
        given:
        if (password == RegistryFixture.PASSWORD) ok login(password)
        if (password && password != RegistryFixture.PASSWORD) {
            // stored as docker login would have stored it: catalog login checks a password before saving it
            def auth = Base64.encoder.encodeToString("${RegistryFixture.USER}:${password}".getBytes('UTF-8'))
            Files.createDirectories(user.home.resolve('docker'))
            Files.writeString(user.home.resolve('docker/config.json'), """{"auths": {"${proxy.address}": {"auth": "${auth}"}}}""")
        }
        if (injected) proxy.rule(method: 'GET', pathContains: '/manifests/', status: injected,
                body: '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}'.getBytes('UTF-8'))

        when:
        def r = user.run('catalog', 'pull', "${proxy.address}/auth/providers/tool@1.0.0")

        then:
        r.exitCode == 1
        r.stderr.contains("registry ${proxy.address} ${says}")
        r.stderr.contains("scafctl catalog login ${proxy.address}")
        !Files.exists(user.home.resolve('data/scafctl/catalog/index.json'))

        where:
        situation                                    | password                  | injected || says
        'no credentials (the registry answers 401)'  | null                      | null     || 'requires authentication for manifest'
        'a wrong password (the registry answers 401)' | 'not-the-password'        | null     || 'requires authentication for manifest'
        'an account without access (403)'            | RegistryFixture.PASSWORD  | 403      || 'denied manifest'
    }

    def "a blob redirect to another host carries no credentials there"() {
        given: 'blob storage on another host that trusts the signed URL, not our header (its proxy adds its own)'
        def storage = new FaultProxy('127.0.0.1', registry.port)
        storage.addRequestHeaders.Authorization = "Basic ${BASIC}".toString()
        proxy.rule(method: 'GET', pathContains: '/blobs/', redirectTo: "http://${storage.address}")
        ok login(RegistryFixture.PASSWORD)

        when:
        def r = user.run('catalog', 'pull', "${proxy.address}/auth/providers/tool@1.0.0")

        then: 'the pull succeeds through the other host'
        ok r
        storage.seen.size() >= 2
        storage.seen.every { it.startsWith('GET /v2/auth/providers/tool/blobs/') }

        and: 'the registry got our Authorization header, the other host never did'
        proxy.heads.any { it.startsWith('GET /v2/auth/providers/tool/manifests/') && it =~ /(?im)^authorization: basic / }
        storage.heads.every { !(it =~ /(?im)^authorization:/) }

        cleanup:
        storage?.close()
    }

    def "no output, log or file shows the password, in clear or base64, whatever the command does"() {
        given: 'the password as typed, as HTTP basic auth sends it, and base64 of it alone'
        def secrets = [RegistryFixture.PASSWORD, BASIC,
                       Base64.encoder.encodeToString(RegistryFixture.PASSWORD.getBytes('UTF-8')),
                       Base64.encoder.withoutPadding().encodeToString(RegistryFixture.PASSWORD.getBytes('UTF-8'))]
        def solution = ScafctlProcess.root().resolve('examples/hello/solution.yaml')

        when: 'with --verbose: login (wrong, then right), build, push, pull, list, and commands that fail'
        def results = []
        user.input = 'wrong-' + RegistryFixture.PASSWORD + '\n'
        results << user.run('-v', 'catalog', 'login', proxy.address, '--username', RegistryFixture.USER, '--password-stdin')
        results << login(RegistryFixture.PASSWORD)
        results << user.run('-v', 'build', 'solution', '-f', solution.toString(), '--version', '1.0.0')
        results << user.run('-v', 'catalog', 'push', 'hello@1.0.0', '--catalog', "${proxy.address}/leak")
        results << user.run('-v', 'catalog', 'pull', "${proxy.address}/auth/providers/tool@1.0.0")
        results << user.run('-v', 'catalog', 'list', '--catalog', "${proxy.address}/leak")
        results << user.run('-v', 'catalog', 'pull', "${proxy.address}/auth/providers/missing@9.9.9")
        proxy.rule(method: 'GET', status: 503)
        results << user.run('-v', 'catalog', 'pull', "${proxy.address}/leak/solutions/hello@1.0.0")
        proxy.rules.clear()
        proxy.rule(method: 'GET', pathContains: '/manifests/', status: 403)
        results << user.run('-v', 'catalog', 'pull', "${proxy.address}/leak/solutions/hello@1.0.0")

        then: 'the commands ran as expected, failures included'
        results*.exitCode == [1, 0, 0, 0, 0, 0, 1, 1, 1]

        and: 'credentials were really used'
        proxy.heads.any { it =~ /(?im)^authorization: basic / }

        and: 'no stdout or stderr contains a secret'
        results.every { res -> secrets.every { !res.stdout.contains(it) && !res.stderr.contains(it) } }

        and: 'no file the commands wrote contains one, except the credential file itself'
        def files = Files.walk(user.home).withCloseable { s -> s.filter { Files.isRegularFile(it) }.toList() }
        def creds = user.home.resolve('config/scafctl/credentials.json')
        files.contains(creds)
        files.findAll { it != creds && secrets.any { s -> contains(it, s) } } == []
    }

    // ---- helpers

    ScafctlProcess.Result login(String password) {
        user.input = password + '\n'
        try {
            user.run('-v', 'catalog', 'login', proxy.address, '--username', RegistryFixture.USER, '--password-stdin')
        } finally {
            user.input = null
        }
    }

    static boolean contains(Path file, String secret) {
        new String(Files.readAllBytes(file), 'ISO-8859-1').contains(secret)
    }

    static void ok(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }
}
