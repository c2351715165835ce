package dev.scafctl.reliability

import dev.scafctl.oci.Digest
import dev.scafctl.plugin.Platform
import dev.scafctl.plugin.host.BackgroundProcess
import dev.scafctl.support.FaultProxy
import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonSlurper
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * kill -9 in the middle of a write. A 256 MiB plugin is published once; the proxy in front of the
 * registry slows its blob down so that the kill lands while the bytes are still arriving, which
 * the test sees by watching the temp file grow rather than by guessing a time.
 */
class ReliabilityCrashSpec extends Specification {
    static final long BIG = 256L << 20
    static final long SLOW = 4L << 20

    @Shared @AutoCleanup RegistryFixture registry = RegistryFixture.start()
    @Shared @AutoCleanup FaultProxy proxy = new FaultProxy('127.0.0.1', registry.port)
    @Shared ScafctlProcess publisher = ScafctlProcess.inTempHome()
    @Shared Digest digest
    @Shared Platform here = Platform.current()

    ScafctlProcess user
    BackgroundProcess running

    def setupSpec() {
        def bin = publisher.home.resolve('big')
        new RandomAccessFile(bin.toFile(), 'rw').withCloseable { f ->
            f.write("#!/bin/sh\ntouch \"\$MARKER\"\nexit 3\n".bytes)
            f.setLength(BIG)
        }
        digest = Digest.of(bin)
        ok publisher.run('build', 'plugin', '--name', 'big', '--kind', 'provider', '--version', '1.0.0',
                '--platform', "${here}=${bin}")
        ok publisher.run('catalog', 'push', 'big@1.0.0', '--catalog', "${registry.host}/crash")
        publisher.home.toFile().deleteDir()
    }

    def setup() {
        user = ScafctlProcess.inTempHome()
    }

    def cleanup() {
        running?.kill()
        proxy.rules.clear()
        user?.home?.toFile()?.deleteDir()
    }

    def "kill -9 during a 256 MiB plugin download leaves no file at the final path, and the next run completes"() {
        given: 'a catalog reached through the proxy, which slows the binary down'
        ok user.run('config', 'add-catalog', 'reg', '--type', 'oci', '--url', "${proxy.address}/crash")
        proxy.rule(method: 'GET', pathContains: "/blobs/${digest}", bytesPerSecond: SLOW)
        def sol = solution()
        def dir = user.home.resolve("cache/scafctl/plugins/big/1.0.0/${here.dirName()}")
        def finalPath = dir.resolve('big')

        when: 'the install is killed once its temp file has grown past 1 MiB'
        running = BackgroundProcess.java('dev.scafctl.cli.Main', ['plugins', 'install', '-f', sol.toString()], user)
        assert awaitGrowing(dir, '.part', 1L << 20): running.toString()
        running.process.destroyForcibly().waitFor()

        then: 'the final path holds nothing; only the partial temp file is left'
        !Files.exists(finalPath)
        temps(dir, '.part').every { Files.size(it) < BIG }

        when: 'the next run, at full speed'
        proxy.rules.clear()
        def again = user.run('plugins', 'install', '-f', sol.toString())

        then: 'completes with the verified binary'
        again.exitCode == 0
        Digest.of(finalPath) == digest
    }

    def "kill -9 during a catalog pull leaves the local catalog readable, and the next pull completes"() {
        given: 'a local catalog that already holds an artifact'
        def small = user.home.resolve('small')
        Files.writeString(small, 'small plugin')
        ok user.run('build', 'plugin', '--name', 'small', '--kind', 'provider', '--version', '1.0.0', '--platform', "linux/amd64=${small}")
        def catalog = user.home.resolve('data/scafctl/catalog')
        proxy.rule(method: 'GET', pathContains: "/blobs/${digest}", bytesPerSecond: SLOW)

        when: 'a pull of the big plugin is killed while its blob is being written'
        running = BackgroundProcess.java('dev.scafctl.cli.Main',
                ['catalog', 'pull', "${proxy.address}/crash/providers/big@1.0.0".toString()], user)
        assert awaitGrowing(catalog.resolve('blobs/sha256'), '.tmp', 1L << 20): running.toString()
        running.process.destroyForcibly().waitFor()

        then: 'index.json parses and every tag it lists is readable by skopeo'
        def listed = tags(catalog)
        listed == ['provider/small:1.0.0']
        listed.every { ReliabilityConcurrencySpec.skopeoReads(catalog, it) }

        and: 'the half-written blob is not under its digest'
        !Files.exists(catalog.resolve("blobs/sha256/${digest.hex()}"))

        and: 'the CLI still lists the catalog'
        user.run('catalog', 'list').exitCode == 0

        when: 'the pull runs again at full speed'
        proxy.rules.clear()
        def again = user.run('catalog', 'pull', "${proxy.address}/crash/providers/big@1.0.0".toString())

        then:
        again.exitCode == 0
        tags(catalog) == ['provider/big:1.0.0', 'provider/small:1.0.0']
        tags(catalog).every { ReliabilityConcurrencySpec.skopeoReads(catalog, it) }
        Digest.of(catalog.resolve("blobs/sha256/${digest.hex()}")) == digest
    }

    private static List<String> tags(Path catalog) {
        def index = new JsonSlurper().parse(catalog.resolve('index.json').toFile())
        index.manifests*.annotations*.get('org.opencontainers.image.ref.name').sort()
    }

    /** Waits until a temp file with this suffix in {@code dir} exceeds {@code bytes}; false if the process ends first. */
    private boolean awaitGrowing(Path dir, String suffix, long bytes) {
        long deadline = System.nanoTime() + 120_000_000_000L
        while (System.nanoTime() < deadline && running.process.alive) {
            if (temps(dir, suffix).any { sizeOf(it) > bytes }) return true
            sleep(20)
        }
        false
    }

    private static long sizeOf(Path p) {
        try {
            Files.size(p)
        } catch (IOException ignored) {
            -1  // renamed or removed since it was listed
        }
    }

    private static List<Path> temps(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) return []
        try {
            Files.list(dir).withCloseable { s -> s.filter { it.fileName.toString().endsWith(suffix) }.toList() }
        } catch (IOException ignored) {
            []  // a temp file renamed or removed while listing
        }
    }

    private Path solution() {
        def f = user.home.resolve('app/solution.yaml')
        Files.createDirectories(f.parent)
        Files.writeString(f, '''apiVersion: scafctl.io/v1
kind: Solution
metadata: {name: app}
bundle: {plugins: [{name: big, kind: provider, version: "^1.0.0"}]}
spec: {resolvers: {}}
''')
        f
    }

    static void ok(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }
}
