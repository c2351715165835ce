package dev.scafctl.catalog

import dev.scafctl.oci.Digest
import dev.scafctl.plugin.Platform
import dev.scafctl.support.FaultProxy
import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonOutput
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Unroll

import java.nio.file.Files

/**
 * A registry that never stops and hardly moves: one byte every half second, well within the idle
 * timeout, so only a deadline on the whole exchange ends it. The settings make the deadline small
 * (a floor of 2 s, 1 KiB/s), so each case takes seconds; a steady transfer above the rate is not
 * disturbed.
 */
class RegistryFaultTrickleSpec extends Specification {
    static final Map<String, String> PACE = [SCAFCTL_REGISTRY_TIMEOUT: '5s', SCAFCTL_REGISTRY_MIN_RATE: '1',
                                             SCAFCTL_REGISTRY_TRANSFER_FLOOR: '2s', SCAFCTL_REGISTRY_ATTEMPTS: '3',
                                             SCAFCTL_REGISTRY_BACKOFF: '10ms']

    @Shared @AutoCleanup RegistryFixture registry = RegistryFixture.start()
    @Shared ScafctlProcess publisher = ScafctlProcess.inTempHome()
    /** A real plugin of 6 KiB: at 4 KiB/s it takes 1.5 s, under its allowance of 6 s. */
    @Shared byte[] binary = new byte[6 * 1024].tap { new Random(2).nextBytes(it) }
    @Shared byte[] layer = new byte[3000].tap { new Random(4).nextBytes(it) }
    @Shared Digest layerDigest = Digest.of(layer)
    @Shared byte[] config = '{"kind":"provider","name":"tool","version":"9.9.9"}'.getBytes('UTF-8')
    @Shared byte[] manifest = JsonOutput.toJson([schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
            config: [mediaType: 'application/vnd.scafctl.provider.config.v1+json', digest: Digest.of(config).toString(), size: config.length],
            layers: [[mediaType: 'application/vnd.scafctl.provider.v1', digest: layerDigest.toString(), size: layer.length]],
            annotations: ['dev.scafctl.artifact.type': 'provider', 'dev.scafctl.artifact.name': 'tool']]).getBytes('UTF-8')

    FaultProxy proxy
    ScafctlProcess user

    def setupSpec() {
        def bin = publisher.home.resolve('tool')
        Files.write(bin, binary)
        ok publisher.run('build', 'plugin', '--name', 'tool', '--kind', 'provider', '--version', '1.0.0',
                '--platform', "${Platform.current()}=${bin}".toString())
        ok publisher.run('catalog', 'push', 'tool@1.0.0', '--catalog', "${registry.host}/trickle")
    }

    def cleanupSpec() {
        publisher.home.toFile().deleteDir()
    }

    def setup() {
        proxy = new FaultProxy('127.0.0.1', registry.port)
        // tag 9.9.9 exists only here: a manifest whose 3000-byte layer and config the proxy serves itself
        proxy.rule(method: 'GET', pathContains: '/manifests/9.9.9', status: 200, body: manifest,
                headers: ['Content-Type': 'application/vnd.oci.image.manifest.v1+json'])
        proxy.rule(method: 'GET', pathContains: "/blobs/${Digest.of(config)}", status: 200, body: config)
        user = ScafctlProcess.inTempHome()
        user.env.putAll(PACE)
    }

    def cleanup() {
        proxy?.close()
        user?.home?.toFile()?.deleteDir()
    }

    @Unroll
    def "a registry that trickles #what one byte every 500 ms is given up after #allowance, naming the rate"() {
        given: 'the answer sent one byte at a time'
        proxy.rules.add(0, new FaultProxy.Rule(method: 'GET', pathContains: path, status: 200, body: body,
                trickleMillis: 500, trickleHead: head, headers: ['Content-Type': 'application/octet-stream']))

        when: 'the test gives up after 30 s, so a client that waits forever fails it'
        long started = System.nanoTime()
        def r = user.run(['catalog', 'pull', "${proxy.address}/trickle/providers/tool@${tag}".toString()], [:], ScafctlProcess.root(), 30)
        double seconds = (System.nanoTime() - started) / 1e9

        then: 'it ends with the rate and the time it gave the registry, and a next step'
        r.exitCode == 1
        r.stderr.contains("registry ${proxy.address} sent ${says.replace('HOST', proxy.address)} at less than 1 KiB/s; gave up after ${allowance}")
        r.stderr.contains('SCAFCTL_REGISTRY_MIN_RATE')

        and: 'at once: not retried, and well before the idle timeout would have noticed anything'
        proxy.count('GET', path) == 1
        seconds < 15

        and: 'nothing was stored'
        def index = user.home.resolve('data/scafctl/catalog/index.json')
        !Files.exists(index) || !Files.readString(index).contains('tool')
        !Files.exists(user.home.resolve("data/scafctl/catalog/blobs/sha256/${layerDigest.hex()}"))
        Files.walk(user.home).withCloseable { s -> s.noneMatch { it.toString().endsWith('.tmp') } }

        where:
        what                    | path                     | tag     | head  | body     || says                                                         | allowance
        'a manifest'            | '/manifests/1.0.0'       | '1.0.0' | false | manifest || 'manifest HOST/trickle/providers/tool:1.0.0'     | '2 s'
        "an answer's head"      | '/manifests/1.0.0'       | '1.0.0' | true  | manifest || 'manifest HOST/trickle/providers/tool:1.0.0'     | '2 s'
        'a 3000-byte blob'      | "/blobs/${layerDigest}"  | '9.9.9' | false | layer    || "blob ${layerDigest} of trickle/providers/tool"| '2.9 s'
    }

    def "a steady transfer above the minimum rate is not disturbed"() {
        given: 'every answer at 4 KiB/s, the 6 KiB plugin included'
        proxy.rules.clear()
        proxy.rule(method: 'GET', bytesPerSecond: 4096)

        when:
        def r = user.run('catalog', 'pull', "${proxy.address}/trickle/providers/tool@1.0.0")

        then:
        ok r
        !r.stderr.contains('less than')
    }

    static void ok(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }
}
