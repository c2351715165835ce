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
import java.time.ZoneOffset
import java.time.ZonedDateTime
import java.time.format.DateTimeFormatter

/**
 * A registry that misbehaves: the real registry behind a {@link FaultProxy} that answers 5xx and
 * 429, cuts connections mid-blob, stalls, and serves an oversized manifest. Each case says what
 * the user sees and that nothing half-written is left in the cache or the local catalog.
 */
class RegistryFaultSpec extends Specification {
    @Shared @AutoCleanup RegistryFixture registry = RegistryFixture.start()
    @Shared ScafctlProcess publisher = ScafctlProcess.inTempHome()
    @Shared String here = Platform.current().toString()
    /** A 1.5 MiB plugin binary: large enough that a cut lands in the middle of it. */
    @Shared byte[] binary = new byte[1536 * 1024].tap { new Random(8).nextBytes(it) }
    @Shared Digest binaryDigest = Digest.of(binary)

    /** Quick retries, so faults cost milliseconds; a stall timeout only where a stall is the fault. */
    static final Map<String, String> FAST = [SCAFCTL_REGISTRY_ATTEMPTS: '3', SCAFCTL_REGISTRY_BACKOFF: '10ms',
                                             SCAFCTL_REGISTRY_MAX_BACKOFF: '40ms', SCAFCTL_REGISTRY_MAX_RETRY_AFTER: '3s']

    FaultProxy proxy
    ScafctlProcess user

    def setupSpec() {
        def file = publisher.home.resolve('tool')
        Files.write(file, binary)
        ok publisher.run('build', 'plugin', '--name', 'tool', '--kind', 'provider', '--version', '1.0.0', '--platform', "${here}=${file}".toString())
        ok publisher.run('catalog', 'push', 'tool@1.0.0', '--catalog', "${registry.host}/faults")
    }

    def cleanupSpec() {
        publisher.home.toFile().deleteDir()
    }

    def setup() {
        proxy = new FaultProxy('127.0.0.1', registry.port)
        user = ScafctlProcess.inTempHome()
        user.env.putAll(FAST)
        // written, not added with 'config add-catalog': one JVM start less per case
        def config = Files.createDirectories(user.home.resolve('config/scafctl')).resolve('config.yaml')
        Files.writeString(config, "catalogs:\n  - {name: flaky, type: oci, url: '${proxy.address}/faults'}\n")
    }

    def cleanup() {
        proxy?.close()
        user?.home?.toFile()?.deleteDir()
    }

    @Unroll
    def "#status to #what, then success: retried with backoff and installed"() {
        given:
        proxy.rule(method: 'GET', pathContains: path, status: status, times: 2)

        when:
        def r = install()

        then: 'the third attempt succeeds and the binary is intact'
        ok r
        Digest.of(cachedBinary()) == binaryDigest
        proxy.count('GET', path) == 3

        and: 'each retry was reported, naming the registry and the status'
        r.stderr.count("warning: registry ${proxy.address}: ${status} ") == 2
        r.stderr.contains('attempt 3 of 3')

        where:
        status | what                 | path
        500    | 'the manifest GET'   | '/manifests/1.0.0'
        503    | 'the blob GET'       | "/blobs/${binaryDigest}"
        502    | 'the tag listing'    | '/tags/list'
        504    | 'the blob GET'       | "/blobs/${binaryDigest}"
    }

    def "a connection reset before any answer is retried like a 5xx"() {
        given:
        proxy.rule(method: 'GET', pathContains: "/blobs/${binaryDigest}", reset: true, times: 2)

        when:
        def r = install()

        then:
        ok r
        Digest.of(cachedBinary()) == binaryDigest
        proxy.count('GET', "/blobs/${binaryDigest}") == 3

        and: 'the JDK HTTP client resends a GET once by itself when a connection closes before any byte; the second reset is ours to retry'
        r.stderr.count("warning: registry ${proxy.address}: ") == 1
        r.stderr.contains('attempt 2 of 3')
    }

    @Unroll
    def "a push through #status to the #step of a blob upload starts a new upload and succeeds"() {
        given:
        def ns = 'push' + UUID.randomUUID().toString().take(8)
        proxy.rule(method: method, pathContains: '/blobs/uploads/', status: status, times: 1)

        when:
        def r = publisher.run(['catalog', 'push', 'tool@1.0.0', '--catalog', "${proxy.address}/${ns}".toString()], FAST)

        then: 'one retry, reported; the artifact then pulls intact straight from the registry'
        ok r
        r.stderr.count("warning: registry ${proxy.address}: ${status} ") == 1
        proxy.count('POST', '/blobs/uploads/') - proxy.count('PUT', '/blobs/uploads/') == unansweredSessions
        ok user.run('catalog', 'pull', "${registry.host}/${ns}/providers/tool@1.0.0")

        where:
        step         | method | status || unansweredSessions
        'start'      | 'POST' | 503    || 1
        'completion' | 'PUT'  | 500    || 0
    }

    def "a registry that keeps answering 503 ends in a clear error after the last attempt; nothing is cached"() {
        given:
        proxy.rule(method: 'GET', pathContains: "/blobs/${binaryDigest}", status: 503)

        when:
        def r = install()

        then:
        r.exitCode == 1
        r.stderr.contains("registry ${proxy.address} failed blob ${binaryDigest}")
        r.stderr.contains('503 Service Unavailable; gave up after 3 attempts')
        r.stderr.contains('try again later')
        proxy.count('GET', "/blobs/${binaryDigest}") == 3
        nothingCached()
    }

    @Unroll
    def "a connection cut mid-blob is resumed when #how"() {
        given: 'the first blob answer breaks off after 400 KB'
        proxy.rule(method: 'GET', pathContains: "/blobs/${binaryDigest}", cutAfterBytes: 400_000, times: 1)
        if (!honoursRange) proxy.rule(method: 'GET', pathContains: "/blobs/${binaryDigest}", dropRequestHeaders: ['Range'])

        when:
        def r = install()

        then: 'the install succeeds with every byte exactly once'
        ok r
        Digest.of(cachedBinary()) == binaryDigest
        r.stderr.contains('the download broke off after')

        and: 'the second request asked for the rest'
        def blobHeads = proxy.heads.findAll { it.startsWith("GET /v2/faults/providers/tool/blobs/${binaryDigest}") }
        blobHeads.size() == 2
        !blobHeads[0].contains('Range:')
        blobHeads[1] =~ /(?i)range: bytes=\d+-/

        where:
        how                                               | honoursRange
        'the registry honours Range (206)'                | true
        'the registry ignores Range (200, prefix skipped)' | false
    }

    def "a blob cut on every attempt ends in a clean error naming the blob and the bytes received; nothing is cached"() {
        given:
        proxy.rule(method: 'GET', pathContains: "/blobs/${binaryDigest}", cutAfterBytes: 300_000, dropRequestHeaders: ['Range'])

        when:
        def r = install()

        then:
        r.exitCode == 1
        r.stderr =~ /download of blob ${binaryDigest} of faults\/providers\/tool from registry ${proxy.address} broke off after \d+ bytes/
        r.stderr.contains('gave up after 3 attempts')
        r.stderr.contains('nothing was stored')
        nothingCached()
    }

    @Unroll
    def "a registry that stalls #moment ends in a timeout naming the registry; the process does not hang"() {
        given:
        proxy.rule(method: 'GET', pathContains: path, stallMillis: 120_000, stallAfterBytes: afterBytes)
        user.env.SCAFCTL_REGISTRY_ATTEMPTS = '2'
        user.env.SCAFCTL_REGISTRY_TIMEOUT = '1s'

        when: 'the test itself gives up after 60 s, so a hang fails it instead of blocking the build'
        def r = user.run(['plugins', 'install', '-f', solution().toString()], [:], ScafctlProcess.root(), 60)

        then:
        r.exitCode == 1
        r.stderr.contains("registry ${proxy.address} sent nothing for 1 s during ${what}")
        r.stderr.contains('gave up after 2 attempts')
        r.stderr.contains('SCAFCTL_REGISTRY_TIMEOUT')
        proxy.count('GET', path) == 2
        nothingCached()

        where:
        moment                         | path                     | afterBytes || what
        'before its answer'            | '/manifests/'            | null       || 'manifest'
        'in the middle of a blob'      | "/blobs/${binaryDigest}" | 300_000    || "blob ${binaryDigest}"
    }

    def "a registry that stops taking a blob upload ends in a timeout; the push does not hang"() {
        given: 'a plugin larger than the socket buffers between the push and the proxy, which never reads the upload'
        def big = user.home.resolve('big')
        Files.write(big, new byte[32 << 20].tap { new Random(3).nextBytes(it) })
        ok user.run('build', 'plugin', '--name', 'big', '--kind', 'provider', '--version', '1.0.0', '--platform', "${here}=${big}".toString())
        proxy.rule(method: 'PUT', pathContains: '/blobs/uploads/', stallMillis: 120_000)
        user.env.SCAFCTL_REGISTRY_ATTEMPTS = '2'
        user.env.SCAFCTL_REGISTRY_TIMEOUT = '1s'

        when: 'the test itself gives up after 60 s, so a hang fails it instead of blocking the build'
        def r = user.run(['catalog', 'push', 'big@1.0.0', '--catalog', "${proxy.address}/uploads".toString()], [:],
                ScafctlProcess.root(), 60)

        then:
        r.exitCode == 1
        r.stderr.contains("registry ${proxy.address} sent nothing for 1 s during upload of blob")
        r.stderr.contains('gave up after 2 attempts')
        proxy.count('PUT', '/blobs/uploads/') == 2
    }

    def "429 with Retry-After in #form is waited out, then the same request is sent again"() {
        given:
        proxy.rule(method: 'GET', pathContains: '/manifests/', status: 429, headers: ['Retry-After': retryAfter()], times: 1)

        when:
        def r = install()

        then: 'the request that got 429 was the next one sent again, after the wait the registry named'
        ok r
        def first = proxy.seen.findIndexOf { it.contains('/manifests/') }
        proxy.rules[0].used.get() == 1
        proxy.seen[first + 1] == proxy.seen[first]
        r.stderr =~ /429 Too Many Requests, asking to wait (\d+(?:\.\d)? m?s) during manifest .*; retrying in \1 /

        where:
        form          | retryAfter
        'seconds'     | { '1' }
        'an HTTP date' | { DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2)) }
    }

    def "429 asking for longer than scafctl waits fails at once, saying when to try again"() {
        given:
        proxy.rule(method: 'GET', pathContains: '/manifests/', status: 429, headers: ['Retry-After': '3600'])

        when:
        def r = install()

        then: 'no retry was sent'
        r.exitCode == 1
        proxy.count('GET', '/manifests/') == 1
        r.stderr.contains("registry ${proxy.address} is limiting requests (429 Too Many Requests) and asks to wait 3600 s")
        r.stderr.contains('longer than scafctl waits (3 s)')
        r.stderr.contains('try again in 3600 s')
        nothingCached()
    }

    def "an oversized manifest is refused before anything is stored (exit 2)"() {
        given: 'a 5 MiB answer where the manifest should be'
        byte[] huge = ('{"schemaVersion":2,"annotations":{"x":"' + 'a' * (5 * 1024 * 1024) + '"}}').getBytes('UTF-8')
        proxy.rule(method: 'GET', pathContains: '/manifests/', status: 200, body: huge,
                headers: ['Content-Type': 'application/vnd.oci.image.manifest.v1+json'])

        when:
        def r = user.run('catalog', 'pull', "${proxy.address}/faults/providers/tool@1.0.0")

        then:
        r.exitCode == 2
        r.stderr =~ /manifest .*tool:1.0.0 in registry ${proxy.address} is \d+ bytes, more than the 4 MiB scafctl accepts/
        r.stderr.contains('nothing was stored')
        !Files.exists(user.home.resolve('data/scafctl/catalog/index.json'))
                || !Files.readString(user.home.resolve('data/scafctl/catalog/index.json')).contains('tool')
        tempFiles() == []
    }

    @Unroll
    def "a manifest whose #what is refused (exit #code) and nothing is stored"() {
        given: 'a manifest served for tag 9.9.9 whose config and layer point at the real binary blob'
        byte[] manifest = JsonOutput.toJson([schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
                config: [mediaType: 'application/vnd.scafctl.provider.config.v1+json', digest: binaryDigest.toString(), size: configSize],
                layers: [[mediaType: 'application/octet-stream', digest: binaryDigest.toString(), size: 1000]]]).getBytes('UTF-8')
        proxy.rule(method: 'GET', pathContains: '/manifests/9.9.9', status: 200, body: manifest,
                headers: ['Content-Type': 'application/vnd.oci.image.manifest.v1+json'])

        when:
        def r = user.run('catalog', 'pull', "${proxy.address}/faults/providers/tool@9.9.9")

        then:
        r.exitCode == code
        r.stderr.contains(message)
        r.stderr.contains('nothing was stored')
        proxy.count('GET', '/blobs/') == blobRequests
        !Files.exists(user.home.resolve("data/scafctl/catalog/blobs/sha256/${binaryDigest.hex()}"))
        tempFiles() == []

        where:
        what                                    | configSize  || code | message                                               | blobRequests
        'config declares more than 4 MiB'       | 5 * 1 << 20 || 2    | 'declares 5242880 bytes, more than the 4 MiB'         | 0
        'blob is longer than its descriptor says' | 1000      || 1    | 'is longer than the 1000 bytes its manifest declares' | 1
    }

    // ---- helpers

    ScafctlProcess.Result install() {
        user.run('plugins', 'install', '-f', solution().toString())
    }

    Path solution() {
        def f = user.solutionNeeding('tool')
        f
    }

    Path cachedBinary() {
        user.home.resolve("cache/scafctl/plugins/tool/1.0.0/${Platform.current().dirName()}/tool")
    }

    /** No file at the cache's final path, and no temp file anywhere under the user's directories. */
    boolean nothingCached() {
        assert !Files.exists(cachedBinary())
        assert tempFiles() == []
        true
    }

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
