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
import java.nio.file.Path

/**
 * A registry that sends more than it declared: a blob that streams past the size its manifest
 * declares (with or without a Content-Length saying so, after a resume, behind a redirect), a
 * manifest and a token answer without end. The proxy in front of the real registry serves a
 * manifest declaring a 1000-byte layer; every path that reads the layer (plugins install, run
 * solution, catalog pull) stops at the declared size, and nothing is stored.
 */
class RegistryFaultSizeSpec extends Specification {
    /** "Without end", for a test: enough to fill a disk slowly, small enough that a broken client finishes. */
    static final long ENDLESS = 256L << 20
    /** What a client that stops at once still lets through: the socket buffers of both ends and one read chunk. */
    static final long BUFFERS = 16L << 20
    static final Map<String, String> FAST = [SCAFCTL_REGISTRY_ATTEMPTS: '4', SCAFCTL_REGISTRY_BACKOFF: '10ms',
                                             SCAFCTL_REGISTRY_MAX_BACKOFF: '40ms']

    @Shared @AutoCleanup RegistryFixture registry = RegistryFixture.start()
    @Shared ScafctlProcess publisher = ScafctlProcess.inTempHome()
    @Shared byte[] layer = new byte[1000].tap { new Random(11).nextBytes(it) }
    @Shared Digest layerDigest = Digest.of(layer)
    @Shared byte[] config = '{"kind":"provider","name":"tool","version":"1.0.0"}'.getBytes('UTF-8')
    @Shared Digest configDigest = Digest.of(config)
    @Shared byte[] manifest = JsonOutput.toJson([schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
            config: [mediaType: 'application/vnd.scafctl.provider.config.v1+json', digest: configDigest.toString(), size: config.length],
            layers: [[mediaType: 'application/vnd.scafctl.provider.v1', digest: layerDigest.toString(), size: 1000]],
            annotations: ['dev.scafctl.artifact.type': 'provider', 'dev.scafctl.artifact.name': 'tool']]).getBytes('UTF-8')

    FaultProxy proxy
    /** Another host: blob storage a redirect points at, or a token service. */
    FaultProxy other
    ScafctlProcess user
    Path solution

    def setupSpec() {
        // the tag list the real registry answers names 1.0.0; its manifest is the proxy's
        def bin = publisher.home.resolve('tool')
        Files.write(bin, layer)
        ok publisher.run('build', 'plugin', '--name', 'tool', '--kind', 'provider', '--version', '1.0.0',
                '--platform', "${Platform.current()}=${bin}".toString())
        ok publisher.run('catalog', 'push', 'tool@1.0.0', '--catalog', "${registry.host}/sizes")
    }

    def cleanupSpec() {
        publisher.home.toFile().deleteDir()
    }

    def setup() {
        proxy = new FaultProxy('127.0.0.1', registry.port)
        other = new FaultProxy('127.0.0.1', registry.port)
        proxy.rule(method: 'GET', pathContains: '/manifests/1.0.0', status: 200, body: manifest,
                headers: ['Content-Type': 'application/vnd.oci.image.manifest.v1+json'])
        proxy.rule(method: 'GET', pathContains: "/blobs/${configDigest}", status: 200, body: config)
        user = ScafctlProcess.inTempHome()
        user.env.putAll(FAST)
        def conf = Files.createDirectories(user.home.resolve('config/scafctl')).resolve('config.yaml')
        Files.writeString(conf, "catalogs:\n  - {name: hostile, type: oci, url: '${proxy.address}/sizes'}\n")
        solution = user.solutionNeeding('tool')
    }

    def cleanup() {
        proxy?.close()
        other?.close()
        user?.home?.toFile()?.deleteDir()
    }

    @Unroll
    def "'#command' refuses a 1000-byte layer whose registry #how, storing nothing"() {
        given: 'the layer answered as the case says'
        def blob = "/blobs/${layerDigest}".toString()
        inject(proxy, other, blob)

        when: 'the test gives up after 60 s, so a client that reads without end fails it instead of filling the disk'
        def r = user.run(args(solution, proxy.address), [:], ScafctlProcess.root(), 60)

        then: 'it fails naming the blob, its declared size, the registry and what to do'
        r.exitCode == 1
        r.stderr.contains("blob ${layerDigest} of sizes/providers/tool in registry ${proxy.address} is longer than the 1000 bytes its manifest declares")
        r.stderr.contains('nothing was stored; tell its administrator')
        r.stderr.contains(says)

        and: 'it stopped reading at once: what was sent fits in the socket buffers'
        (proxy.rules + other.rules)*.sent*.get().sum() < BUFFERS

        and: 'a Content-Length over the declared size is not retried'
        proxy.count('GET', blob) + other.count('GET', blob) == requests

        and: 'nothing is in the cache or the local catalog, and no temp file is left'
        !Files.exists(user.home.resolve("cache/scafctl/plugins/tool/1.0.0/${Platform.current().dirName()}/tool"))
        !Files.exists(user.home.resolve("data/scafctl/catalog/blobs/sha256/${layerDigest.hex()}"))
        tempFiles() == []

        where:
        command           | how                                                          | args             | inject                                  || requests | says
        'plugins install' | 'streams without end, without a Content-Length'              | INSTALL          | { p, o, b -> endless(p, b) }            || 1        | 'the download stopped at byte 1001'
        'run solution'    | 'streams without end, without a Content-Length'              | RUN              | { p, o, b -> endless(p, b) }            || 1        | 'the download stopped at byte 1001'
        'catalog pull'    | 'streams without end, without a Content-Length'              | PULL             | { p, o, b -> endless(p, b) }            || 1        | 'the download stopped at byte 1001'
        'plugins install' | 'announces 100 MB in its Content-Length'                     | INSTALL          | { p, o, b -> announced(p, b) }          || 1        | 'the registry announces 100000000 bytes (Content-Length), so nothing was read'
        'catalog pull'    | 'announces 100 MB in its Content-Length'                     | PULL             | { p, o, b -> announced(p, b) }          || 1        | 'the registry announces 100000000 bytes (Content-Length), so nothing was read'
        'plugins install' | 'breaks off, then resumes with a 206 that never ends'        | INSTALL          | { p, o, b -> resumedEndless(p, b) }     || 2        | 'the download stopped at byte 1001'
        'plugins install' | 'redirects to storage that streams without end'              | INSTALL          | { p, o, b -> redirected(p, o, b) }      || 2        | 'the download stopped at byte 1001'
        'catalog pull'    | 'redirects to storage that announces 100 MB'                 | PULL             | { p, o, b -> redirectedAnnounced(p, o, b) } || 2    | 'the registry announces 100000000 bytes (Content-Length), so nothing was read'
    }

    @Unroll
    def "a #what that never ends is refused at #limit, and nothing is stored"() {
        given: 'the answer streams without end'
        inject(proxy, other)

        when:
        def r = user.run(['catalog', 'pull', "${proxy.address}/sizes/providers/tool@1.0.0".toString()], [:], ScafctlProcess.root(), 60)

        then: 'refused with what it is, the registry and the limit; the reading stopped there'
        r.exitCode == code
        r.stderr.contains(says.replace('HOST', proxy.address))
        (proxy.rules + other.rules)*.sent*.get().sum() < BUFFERS
        tempFiles() == []
        !Files.exists(user.home.resolve('data/scafctl/catalog/index.json'))

        where:
        what             | limit   | inject                                                             || code | says
        'manifest'       | '4 MiB' | { p, o -> p.rules.add(0, endlessRule('GET', '/manifests/1.0.0')) } || 2    | 'in registry HOST is more than 4194304 bytes, more than the 4 MiB scafctl accepts'
        'token answer'   | '1 MiB' | { p, o -> tokenChallenge(p, o) }                                  || 1    | 'of registry HOST answered with more than 1048576 bytes, more than the 1 MiB scafctl accepts for a token'
    }

    // ---- the hostile answers

    static final Closure INSTALL = { Path sol, String host -> ['plugins', 'install', '-f', sol.toString()] }
    static final Closure RUN = { Path sol, String host -> ['run', 'solution', '-f', sol.toString()] }
    static final Closure PULL = { Path sol, String host -> ['catalog', 'pull', "${host}/sizes/providers/tool@1.0.0".toString()] }

    static FaultProxy.Rule endlessRule(String method, String path, Map extra = [:]) {
        new FaultProxy.Rule([method: method, pathContains: path, status: 200, streamBytes: ENDLESS] + extra)
    }

    static void endless(FaultProxy p, String blob) {
        p.rules.add(0, endlessRule('GET', blob))
    }

    static void announced(FaultProxy p, String blob) {
        p.rules.add(0, endlessRule('GET', blob, [contentLength: 100_000_000L]))
    }

    /** 400 of 1000 announced bytes, then the connection closes; the Range request then gets a 206 without end. */
    static void resumedEndless(FaultProxy p, String blob) {
        p.rules.add(0, new FaultProxy.Rule(method: 'GET', pathContains: blob, status: 200, body: new byte[400], contentLength: 1000L, times: 1))
        p.rules.add(1, endlessRule('GET', blob, [status: 206, withHeader: 'Range', headers: ['Content-Range': 'bytes 400-999/1000']]))
    }

    static void redirected(FaultProxy p, FaultProxy storage, String blob) {
        p.rules.add(0, new FaultProxy.Rule(method: 'GET', pathContains: blob, redirectTo: "http://${storage.address}"))
        storage.rule(method: 'GET', pathContains: blob, status: 200, streamBytes: ENDLESS)
    }

    static void redirectedAnnounced(FaultProxy p, FaultProxy storage, String blob) {
        p.rules.add(0, new FaultProxy.Rule(method: 'GET', pathContains: blob, redirectTo: "http://${storage.address}"))
        storage.rule(method: 'GET', pathContains: blob, status: 200, streamBytes: ENDLESS, contentLength: 100_000_000L)
    }

    /** The registry asks for a bearer token from the other host, whose answer never ends. */
    static void tokenChallenge(FaultProxy p, FaultProxy realm) {
        p.rules.add(0, new FaultProxy.Rule(method: 'GET', pathContains: '/manifests/', status: 401,
                headers: ['WWW-Authenticate': "Bearer realm=\"http://${realm.address}/token\",service=\"sizes\"".toString()]))
        realm.rule(method: 'GET', pathContains: '/token', status: 200, streamBytes: ENDLESS)
    }

    // ---- helpers

    List<String> tempFiles() {
        Files.walk(user.home).withCloseable { s ->
            s.filter { Files.isRegularFile(it) }.map { user.home.relativize(it).toString() }
                    .filter { it.endsWith('.part') || it.endsWith('.tmp') }.toList()
        }
    }

    static void ok(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }
}
