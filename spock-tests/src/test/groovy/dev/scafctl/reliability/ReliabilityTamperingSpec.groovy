package dev.scafctl.reliability

import dev.scafctl.oci.Digest
import dev.scafctl.plugin.LockFile
import dev.scafctl.plugin.Platform
import dev.scafctl.support.PluginMirror
import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * Tampering the plugin specs leave out: a catalog whose content no longer matches the lock, a
 * registry manifest rewritten to point at other bytes, a blob changed in the local catalog.
 * Every fake binary here leaves a marker file if it ever runs; none may.
 */
class ReliabilityTamperingSpec extends Specification {
    @Shared @AutoCleanup RegistryFixture registry = RegistryFixture.start()
    @Shared String here = Platform.current().toString()

    ScafctlProcess user
    Path marker
    String ns = 'tamper' + UUID.randomUUID().toString().take(8)

    def setup() {
        user = ScafctlProcess.inTempHome()
        marker = user.home.resolve('tampered-binary-ran')
        user.env.MARKER = marker.toString()
    }

    def cleanup() {
        user?.home?.toFile()?.deleteDir()
    }

    def "a catalog whose digest differs from the lock is refused before anything is downloaded"() {
        given: 'a lock made against a mirror'
        def mirror = new PluginMirror(user.home.resolve('mirror'))
        def pinned = mirror.add('tool', '1.4.0', here)
        useFilesystemCatalog(mirror.dir)
        def sol = solution('tool', '^1.0.0')
        ok user.run('build', 'solution', '-f', sol.toString(), '--version', '1.0.0')
        assert Files.readString(LockFile.pathBeside(sol)).contains(pinned.toString())

        and: 'the mirror then serves other bytes for the same version, with a matching .sha256'
        def served = mirror.add('tool', '1.4.0', here, true, "#!/bin/sh\n# swapped\ntouch \"\$MARKER\"\n")

        when:
        def install = user.run('plugins', 'install', '-f', sol.toString(), '-v')
        def run = user.run('run', 'solution', '-f', sol.toString())

        then: 'both refuse, naming the lock digest and the catalog digest'
        [install, run].every { r ->
            r.exitCode == 1 && r.stderr.contains("expected ${pinned}, got ${served}") && r.stderr.contains('does not match the lock')
        }

        and: 'nothing was fetched, cached or run'
        !install.stderr.contains('fetching tool')
        cacheEntries('tool') == []
        !Files.exists(marker)
    }

    def "a registry manifest rewritten to name another layer is refused, naming both manifest digests"() {
        given: 'a genuine 1.0.0 and an evil 2.0.0 in one repository, so the evil blob is servable from it'
        def publisher = ScafctlProcess.inTempHome()
        def genuine = binary(publisher, 'genuine')
        def evil = binary(publisher, 'evil')
        [['1.0.0', genuine], ['2.0.0', evil]].each { v, bin ->
            ok publisher.run('build', 'plugin', '--name', 'tool', '--kind', 'provider', '--version', v, '--platform', "${here}=${bin}")
            ok publisher.run('catalog', 'push', "tool@${v}", '--catalog', "${registry.host}/${ns}")
        }

        and: "1.0.0's manifest, in the registry's storage, now names the evil layer"
        def manifestFile = platformManifestBlob('tool', '1.0.0')
        def manifestDigest = Digest.of(manifestFile)
        def manifest = new JsonSlurper().parse(manifestFile.toFile())
        def layer = manifest.layers[0]
        assert layer.digest == Digest.of(genuine).toString()
        layer.digest = Digest.of(evil).toString()
        layer.size = Files.size(evil)
        Files.writeString(manifestFile, JsonOutput.toJson(manifest))
        def lying = Digest.of(manifestFile)

        and:
        ok user.run('config', 'add-catalog', 'reg', '--type', 'oci', '--url', "${registry.host}/${ns}")

        when:
        def r = user.run('plugins', 'install', '-f', solution('tool', '~1.0.0').toString())

        then: 'refused, naming the digest the registry vouches for and the one its bytes have'
        r.exitCode == 1
        r.stderr.contains(manifestDigest.toString())
        r.stderr.contains(lying.toString())

        and: 'the evil binary was neither cached nor run'
        cacheEntries('tool') == []
        !Files.exists(marker)

        cleanup:
        publisher?.home?.toFile()?.deleteDir()
    }

    def "a blob changed in the local catalog is refused when installed, and never runs"() {
        given: 'a plugin built into the local catalog whose blob is then changed on disk'
        def bin = binary(user, 'genuine')
        ok user.run('build', 'plugin', '--name', 'tool', '--kind', 'provider', '--version', '1.0.0', '--platform', "${here}=${bin}")
        def digest = Digest.of(bin)
        def blob = user.home.resolve("data/scafctl/catalog/blobs/sha256/${digest.hex()}")
        assert Files.exists(blob)
        blob.toFile().setWritable(true)
        Files.writeString(blob, "#!/bin/sh\n# changed\ntouch \"\$MARKER\"\n")
        def sol = solution('tool', '^1.0.0')

        when:
        def install = user.run('plugins', 'install', '-f', sol.toString())
        def run = user.run('run', 'solution', '-f', sol.toString())

        then:
        [install, run].every { it.exitCode == 1 && it.stderr.contains("expected ${digest}, got ${Digest.of(blob)}") }
        cacheEntries('tool') == []
        !Files.exists(marker)
    }

    private Path binary(ScafctlProcess owner, String what) {
        def f = Files.createTempFile(owner.home, what, '')
        Files.writeString(f, "#!/bin/sh\n# ${what}\ntouch \"\$MARKER\"\nexit 3\n")
        f
    }

    private void useFilesystemCatalog(Path dir) {
        def config = user.home.resolve('config/scafctl/config.yaml')
        Files.createDirectories(config.parent)
        Files.writeString(config, "catalogs:\n  - {name: mirror, type: filesystem, path: ${dir}}\n")
    }

    private Path solution(String name, String constraint) {
        def f = user.home.resolve("app/solution.yaml")
        Files.createDirectories(f.parent)
        Files.writeString(f, """apiVersion: scafctl.io/v1
kind: Solution
metadata: {name: app}
bundle: {plugins: [{name: ${name}, kind: provider, version: "${constraint}"}]}
spec: {resolvers: {}}
""")
        f
    }

    /** The manifest holding the binary layer, in the registry's own storage: the tag's, or the first its index names. */
    private Path platformManifestBlob(String name, String version) {
        def repo = registry.root.resolve("data/docker/registry/v2/repositories/${ns}/providers/${name}")
        def link = repo.resolve("_manifests/tags/${version}/current/link")
        assert Files.exists(link): "no tag link at ${link}"
        def blob = storedBlob(Files.readString(link).trim())
        def json = new JsonSlurper().parse(blob.toFile())
        json.manifests ? storedBlob(json.manifests[0].digest as String) : blob
    }

    private Path storedBlob(String digest) {
        def hex = digest - 'sha256:'
        registry.root.resolve("data/docker/registry/v2/blobs/sha256/${hex.take(2)}/${hex}/data")
    }

    private List<Path> cacheEntries(String name) {
        def dir = user.home.resolve("cache/scafctl/plugins/${name}")
        if (!Files.exists(dir)) return []
        Files.walk(dir).withCloseable { s -> s.filter { Files.isRegularFile(it) }.toList() }
    }

    static void ok(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }
}
