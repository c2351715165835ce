package dev.scafctl.catalog

import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import spock.lang.AutoCleanup
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Path

/** Off loopback: TLS with the catalog's caFile, and plain HTTP only for catalogs marked insecure. */
@Requires({ RegistryFixture.externalAddress() != null })
class RegistryTransportSpec extends Specification {
    @Shared
    @AutoCleanup
    RegistryFixture tlsRegistry = RegistryFixture.startOn(RegistryFixture.externalAddress(), true)

    @Shared
    @AutoCleanup
    RegistryFixture plainRegistry = RegistryFixture.startOn(RegistryFixture.externalAddress(), false)

    static final Path HELLO = ScafctlProcess.root().resolve('examples/hello/solution.yaml')

    ScafctlProcess scafctl

    def setup() {
        scafctl = ScafctlProcess.inTempHome()
        assertOk scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')
    }

    def cleanup() {
        scafctl?.home?.toFile()?.deleteDir()
    }

    def "a registry with a private CA is trusted through the catalog's caFile only"() {
        when: 'pushed without, then with the CA'
        def untrusted = scafctl.run('catalog', 'push', 'hello@1.0.0', '--catalog', "${tlsRegistry.host}/tls")
        assertOk scafctl.run('config', 'add-catalog', 'private', '--url', "${tlsRegistry.host}/tls",
                '--ca-file', tlsRegistry.certificate.toString(), '--default')
        def trusted = scafctl.run('catalog', 'push', 'hello@1.0.0')
        def pulled = scafctl.run('catalog', 'pull', "${tlsRegistry.host}/tls/solutions/hello@1.0.0")

        then:
        untrusted.exitCode == 1
        untrusted.stderr.contains("TLS connection to registry ${tlsRegistry.host} failed")
        untrusted.stderr.contains('--ca-file')
        assertOk trusted
        assertOk pulled
    }

    def "a plain-HTTP registry off loopback needs --insecure"() {
        when:
        def refused = scafctl.run('catalog', 'push', 'hello@1.0.0', '--catalog', "${plainRegistry.host}/plain")
        assertOk scafctl.run('config', 'add-catalog', 'lab', '--url', "${plainRegistry.host}/plain", '--insecure')
        def allowed = scafctl.run('catalog', 'push', 'hello@1.0.0', '--catalog', 'lab')

        then:
        refused.exitCode == 1
        refused.stderr.contains("registry ${plainRegistry.host}")
        refused.stderr.contains('--insecure')
        assertOk allowed
    }

    private static void assertOk(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }
}
