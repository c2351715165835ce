package dev.scafctl.catalog

import dev.scafctl.oci.Digest
import dev.scafctl.plugin.Platform
import dev.scafctl.support.FaultProxy
import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * Answers that end too early or never come, where the JDK's HTTP stack would not notice by itself:
 * its body stream just ends when a connection closes short of the Content-Length, and a write or
 * a read after an upload has no timeout of its own. The real registry behind a {@link FaultProxy}.
 */
class RegistryFaultAnswerSpec extends Specification {
    @Shared @AutoCleanup RegistryFixture registry = RegistryFixture.start()
    @Shared ScafctlProcess publisher = ScafctlProcess.inTempHome()
    @Shared String here = Platform.current().toString()
    @Shared byte[] binary = new byte[512 * 1024].tap { new Random(11).nextBytes(it) }
    @Shared Digest binaryDigest = Digest.of(binary)

    static final Map<String, String> FAST = [SCAFCTL_REGISTRY_ATTEMPTS: '2', SCAFCTL_REGISTRY_BACKOFF: '10ms',
                                             SCAFCTL_REGISTRY_MAX_BACKOFF: '40ms', SCAFCTL_REGISTRY_TIMEOUT: '1s']

    FaultProxy proxy
    ScafctlProcess user

    def setupSpec() {
        def file = publisher.home.resolve('tool')
        Files.write(file, binary)
        ok publisher.run('build', 'plugin', '--name', 'tool', '--kind', 'provider', '--version', '1.0.0', '--platform', "${here}=${file}".toString())
        ok publisher.run('catalog', 'push', 'tool@1.0.0', '--catalog', "${registry.host}/answers")
    }

    def cleanupSpec() {
        publisher.home.toFile().deleteDir()
    }

    def setup() {
        proxy = new FaultProxy('127.0.0.1', registry.port)
        user = ScafctlProcess.inTempHome()
        user.env.putAll(FAST)
    }

    def cleanup() {
        proxy?.close()
        user?.home?.toFile()?.deleteDir()
    }

    def "a manifest whose answer ends short of its Content-Length is fetched again, never parsed"() {
        given: 'the first answer to the tag manifest closes after 40 bytes of its body'
        proxy.rule(method: 'GET', pathContains: '/manifests/1.0.0', cutAfterBodyBytes: 40, times: 1)

        when:
        def r = user.run('catalog', 'pull', "${proxy.address}/answers/providers/tool@1.0.0")

        then: 'one retry, saying why, and the artifact pulls intact'
        ok r
        proxy.count('GET', '/manifests/1.0.0') == 2
        r.stderr.count("warning: registry ${proxy.address}: ") == 1
        r.stderr =~ /the answer broke off \(the answer ended after 40 of its \d+ bytes\) during manifest/
        Files.exists(user.home.resolve("data/scafctl/catalog/blobs/sha256/${binaryDigest.hex()}"))
    }

    def "a registry that takes a whole upload and never answers ends in a timeout; the push does not hang"() {
        given: 'the upload reaches the registry, but no answer comes back'
        proxy.rule(method: 'PUT', pathContains: '/blobs/uploads/', stallMillis: 120_000, stallAfterBytes: 1)

        when: 'the test itself gives up after 60 s, so a hang fails it instead of blocking the build'
        def r = publisher.run(['catalog', 'push', 'tool@1.0.0', '--catalog', "${proxy.address}/silent".toString()], FAST,
                ScafctlProcess.root(), 60)

        then:
        r.exitCode == 1
        r.stderr.contains("registry ${proxy.address} sent nothing for 1 s during upload of blob")
        r.stderr.contains('gave up after 2 attempts')
        proxy.count('PUT', '/blobs/uploads/') == 2
    }

    static void ok(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }
}
