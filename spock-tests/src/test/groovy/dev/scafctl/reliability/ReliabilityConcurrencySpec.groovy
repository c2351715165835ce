package dev.scafctl.reliability

import dev.scafctl.oci.Digest
import dev.scafctl.support.PluginMirror
import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonSlurper
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.Callable
import java.util.concurrent.Executors

/** Several real processes writing one plugin cache, or one local catalog, at the same time. */
class ReliabilityConcurrencySpec extends Specification {
    @Shared @AutoCleanup RegistryFixture registry = RegistryFixture.start()

    ScafctlProcess scafctl

    def setup() {
        scafctl = ScafctlProcess.inTempHome()
    }

    def cleanup() {
        scafctl?.home?.toFile()?.deleteDir()
    }

    def "8 processes installing the same plugins into one cache all succeed, leaving one intact file per entry and no temp file"() {
        given: 'two plugins for two platforms, large enough for the downloads to overlap'
        def mirror = new PluginMirror(scafctl.home.resolve('mirror'))
        def big = 'x' * (4 << 20)
        Map<String, Digest> digests = [:]
        [alpha: '1.2.0', beta: '2.1.3'].each { name, version ->
            ['linux/amd64', 'linux/arm64'].each { p ->
                digests["${name}/${version}/${p.replace('/', '-')}/${name}".toString()] = mirror.add(name, version, p, true, big + name + p)
            }
        }
        def config = scafctl.home.resolve('config/scafctl/config.yaml')
        Files.createDirectories(config.parent)
        Files.writeString(config, "catalogs:\n  - {name: mirror, type: filesystem, path: ${mirror.dir}}\n")
        def sol = scafctl.home.resolve('solution.yaml')
        Files.writeString(sol, '''apiVersion: scafctl.io/v1
kind: Solution
metadata: {name: s}
bundle:
  plugins:
    - {name: alpha, kind: provider, version: "^1.0.0"}
    - {name: beta, kind: provider, version: "~2.1.0"}
spec: {resolvers: {}}
''')
        def cache = scafctl.home.resolve('shared-cache')
        def args = ['plugins', 'install', '-f', sol.toString(), '--platform', 'linux/amd64', '--platform', 'linux/arm64',
                    '--cache-dir', cache.toString()]

        when: '8 processes install at once'
        def results = all(8) { scafctl.run(args) }

        then: 'every one succeeds'
        results.each { assert it.exitCode == 0: it.toString() }

        and: 'the cache holds exactly one file per entry, each with its pinned digest, and nothing else'
        def files = Files.walk(cache).withCloseable { s -> s.filter { Files.isRegularFile(it) }.toList() }
        files.collect { cache.relativize(it).toString() } as Set == digests.keySet()
        files.every { Digest.of(it) == digests[cache.relativize(it).toString()] }
    }

    def "4 processes building and pulling into one local catalog leave a valid index.json with every artifact"() {
        given: 'two plugins published to the registry by someone else'
        def publisher = ScafctlProcess.inTempHome()
        def bin = scafctl.home.resolve('bin')
        Files.writeString(bin, 'plugin ' * 100000)
        ['q1', 'q2'].each { n ->
            ok publisher.run(buildPlugin(n, bin))
            ok publisher.run('catalog', 'push', "${n}@1.0.0", '--catalog', "${registry.host}/conc")
        }

        when: 'two processes build and two pull into the same local catalog at once'
        List<List<String>> commands = [buildPlugin('p1', bin), buildPlugin('p2', bin),
                                       ['catalog', 'pull', "${registry.host}/conc/providers/q1@1.0.0".toString()],
                                       ['catalog', 'pull', "${registry.host}/conc/providers/q2@1.0.0".toString()]]
        def results = all(4) { int i -> scafctl.run(commands[i]) }

        then: 'all succeed'
        results.each { assert it.exitCode == 0: it.toString() }

        and: 'index.json parses and names every artifact once'
        def dir = scafctl.home.resolve('data/scafctl/catalog')
        def index = new JsonSlurper().parse(dir.resolve('index.json').toFile())
        def tags = index.manifests*.annotations*.get('org.opencontainers.image.ref.name')
        tags.sort() == ['provider/p1:1.0.0', 'provider/p2:1.0.0', 'provider/q1:1.0.0', 'provider/q2:1.0.0']

        and: 'skopeo reads every tag of the layout, and no temp file is left'
        tags.every { skopeoReads(dir, it) }
        Files.list(dir.resolve('blobs/sha256')).withCloseable { s -> s.noneMatch { it.fileName.toString().endsWith('.tmp') } }

        cleanup:
        publisher?.home?.toFile()?.deleteDir()
    }

    private static List<String> buildPlugin(String name, Path bin) {
        ['build', 'plugin', '--name', name, '--kind', 'provider', '--version', '1.0.0', '--platform', "linux/amd64=${bin}".toString()]
    }

    /** Runs {@code n} copies of the body at the same moment; each gets its index. */
    static <T> List<T> all(int n, Closure<T> body) {
        def pool = Executors.newFixedThreadPool(n)
        try {
            pool.invokeAll((0..<n).collect { int i -> { -> body.maximumNumberOfParameters ? body.call(i) : body.call() } as Callable<T> })*.get()
        } finally {
            pool.shutdownNow()
        }
    }

    static boolean skopeoReads(Path layout, String tag) {
        def p = ['skopeo', 'inspect', '--raw', "oci:${layout}:${tag}".toString()].execute()
        def out = new StringBuilder()
        def err = new StringBuilder()
        p.waitForProcessOutput(out, err)
        assert p.exitValue() == 0: "skopeo inspect oci:${layout}:${tag} failed: ${err}"
        new JsonSlurper().parseText(out.toString()).schemaVersion == 2
    }

    static void ok(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }
}
