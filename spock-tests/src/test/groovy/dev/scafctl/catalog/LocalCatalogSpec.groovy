package dev.scafctl.catalog

import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonSlurper
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.Callable
import java.util.concurrent.Executors

/** The local catalog: builds, save/load, concurrent writers, and references refused before anything is written. */
class LocalCatalogSpec extends Specification {
    @Shared
    @AutoCleanup
    RegistryFixture registry = RegistryFixture.start()

    static final Path HELLO = ScafctlProcess.root().resolve('examples/hello/solution.yaml')

    ScafctlProcess scafctl
    List<ScafctlProcess> others = []

    def setup() {
        // created here, not in a field initializer, so data-table evaluation creates no stray home
        scafctl = ScafctlProcess.inTempHome()
    }

    def cleanup() {
        scafctl?.home?.toFile()?.deleteDir()
        others*.home*.toFile()*.deleteDir()
    }

    def "save then load on a fresh data dir keeps every platform and digest"() {
        given: 'a two-platform plugin'
        def bins = Files.createDirectories(scafctl.home.resolve('bins'))
        Files.writeString(bins.resolve('a'), 'linux binary')
        Files.writeString(bins.resolve('b'), 'windows binary')
        assertOk scafctl.run('build', 'plugin', '--name', 'tool', '--kind', 'auth-handler', '--version', '0.3.0',
                '--platform', "linux/amd64=${bins.resolve('a')}", '--platform', "windows/amd64=${bins.resolve('b')}")
        def tar = scafctl.home.resolve('tool.tar')

        when: 'it is saved and loaded by another installation'
        def save = scafctl.run('catalog', 'save', 'tool@0.3.0', '-o', tar.toString())
        def fresh = other()
        def load = fresh.run('catalog', 'load', '-i', tar.toString())

        then:
        assertOk save
        assertOk load
        def before = inspect(scafctl, 'tool@0.3.0')
        def after = inspect(fresh, 'tool@0.3.0')
        after.digest == before.digest
        after.kind == 'auth-handler'
        after.platforms == before.platforms
        after.platforms*.platform as Set == ['linux/amd64', 'windows/amd64'] as Set
    }

    def "load refuses an entry that would leave the target directory, and writes nothing"() {
        given: 'a tar with a ../ entry, made with the tar tool'
        def work = Files.createDirectories(scafctl.home.resolve('evil/inner'))
        Files.writeString(scafctl.home.resolve('evil/escape.txt'), 'x')
        def tar = scafctl.home.resolve('evil.tar')
        def p = ['tar', '-P', '-cf', tar.toString(), '-C', work.toString(), '../escape.txt'].execute()
        p.waitForProcessOutput(new StringBuilder(), new StringBuilder())
        assert p.exitValue() == 0

        when:
        def load = scafctl.run('catalog', 'load', '-i', tar.toString())

        then:
        load.exitCode == 2
        load.stderr.contains('outside the target directory')
        !Files.exists(scafctl.home.resolve('data/escape.txt'))
        !Files.exists(scafctl.home.resolve('data/scafctl/catalog/index.json'))
    }

    def "load refuses a blob that does not match its digest"() {
        given: 'a saved solution whose layout is unpacked, one blob changed, and packed again'
        assertOk scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')
        def tar = scafctl.home.resolve('hello.tar')
        assertOk scafctl.run('catalog', 'save', 'hello@1.0.0', '-o', tar.toString())
        def dir = Files.createDirectories(scafctl.home.resolve('unpacked'))
        run(['tar', '-xf', tar.toString(), '-C', dir.toString()])
        def blob = Files.list(dir.resolve('blobs/sha256')).find { Files.size(it) < 200 && !Files.readString(it).contains('schemaVersion') }
        Files.writeString(blob, Files.readString(blob) + ' ')
        def bad = scafctl.home.resolve('bad.tar')
        run(['tar', '-cf', bad.toString(), '-C', dir.toString(), 'oci-layout', 'index.json', 'blobs'])
        def fresh = other()

        when:
        def load = fresh.run('catalog', 'load', '-i', bad.toString())

        then:
        load.exitCode == 2
        load.stderr.contains('does not match its digest')
        !Files.exists(fresh.home.resolve('data/scafctl/catalog/index.json'))
    }

    def "several processes writing the local catalog at once leave a valid index with every artifact"() {
        given:
        def bin = scafctl.home.resolve('bin')
        Files.writeString(bin, 'plugin')
        int writers = 6

        when: 'each process builds its own plugin into the same catalog'
        def pool = Executors.newFixedThreadPool(writers)
        def results = pool.invokeAll((1..writers).collect { i ->
            { -> scafctl.run('build', 'plugin', '--name', "p${i}", '--kind', 'provider', '--version', '1.0.0',
                    '--platform', "linux/amd64=${bin}") } as Callable<ScafctlProcess.Result>
        })*.get()
        pool.shutdown()

        then: 'all succeed, and index.json is whole and lists them all'
        results.each { assertOk it }
        def index = new JsonSlurper().parse(scafctl.home.resolve('data/scafctl/catalog/index.json').toFile())
        index.manifests*.annotations*.get('org.opencontainers.image.ref.name') as Set ==
                (1..writers).collect { "provider/p${it}:1.0.0" } as Set
        !Files.list(scafctl.home.resolve('data/scafctl/catalog/blobs/sha256')).anyMatch { it.fileName.toString().endsWith('.tmp') }
    }

    def "#args is refused with exit 2 and nothing is written"() {
        when:
        def r = scafctl.run(args.collect { it.replace('HOST', registry.host) })

        then:
        r.exitCode == 2
        r.stderr.startsWith('Error: ')
        !Files.exists(scafctl.home.resolve('data/scafctl/catalog/index.json'))
        repositories() == []

        where:
        args << [
                ['catalog', 'push', 'name@', '--catalog', 'HOST/bad'],
                ['catalog', 'push', '@1.0.0', '--catalog', 'HOST/bad'],
                ['catalog', 'push', '../x@1.0.0', '--catalog', 'HOST/bad'],
                ['catalog', 'push', 'Hello@1.0.0', '--catalog', 'HOST/bad'],
                ['catalog', 'push', 'hello@latest+1', '--catalog', 'HOST/bad'],
                ['catalog', 'pull', 'HOST/bad/solutions/Hello@1.0.0'],
                ['catalog', 'pull', 'HOST/bad/../solutions/hello@1.0.0'],
                ['catalog', 'pull', 'HOST/bad/solutions/hello:1.0.0+abc'],
                ['catalog', 'pull', 'HOST/bad/solutions/hello@'],
                ['catalog', 'delete', 'name@'],
                ['catalog', 'tag', 'hello@1.0.0', 'bad+alias'],
                ['catalog', 'save', '@1.0.0', '-o', 'x.tar'],
                ['build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0+a+b'],
                ['build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0+build.1'],
                ['build', 'plugin', '--name', 'Bad', '--kind', 'provider', '--version', '1.0.0', '--platform', "linux/amd64=${HELLO}"],
                ['build', 'plugin', '--name', 'ok', '--kind', 'solution', '--version', '1.0.0', '--platform', "linux/amd64=${HELLO}"],
                ['run', 'solution', '-f', 'hello@'],
        ]
    }

    def "an existing version needs --force"() {
        given:
        assertOk scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')

        when:
        def again = scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')
        def forced = scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0', '--force')

        then:
        again.exitCode == 2
        again.stderr.contains('already exists')
        assertOk forced
    }

    def "a local alias points at the same artifact and deleting one keeps the shared blobs"() {
        given:
        assertOk scafctl.run('build', 'solution', '-f', HELLO.toString())
        assertOk scafctl.run('catalog', 'tag', 'hello@1.0.0', 'latest')

        when:
        assertOk scafctl.run('catalog', 'delete', 'hello@1.0.0')
        def run = scafctl.run('run', 'solution', '-f', 'hello@latest', '-o', 'json')

        then:
        assertOk run
        new JsonSlurper().parseText(run.stdout).greeting.startsWith('Hello, ')
    }

    def "local-only commands never load the registry client"() {
        given:
        assertOk scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')
        def log = scafctl.home.resolve('classes.log')

        when:
        def r = scafctl.run(args, [JAVA_TOOL_OPTIONS: "-Xlog:class+load:file=${log}".toString()])

        then:
        assertOk r
        def loaded = Files.readAllLines(log)
        loaded.any { it.contains('dev.scafctl.catalog.LocalCatalog') }
        !loaded.any { it.contains('dev.scafctl.registry.') || it.contains('sun.net.www.protocol.http.HttpURLConnection ') }

        where:
        args << [['catalog', 'list'], ['catalog', 'inspect', 'hello'], ['run', 'solution', '-f', 'hello@1.0.0']]
    }

    // ---- helpers

    private ScafctlProcess other() {
        def p = ScafctlProcess.inTempHome()
        others << p
        p
    }

    private static Map inspect(ScafctlProcess p, String ref) {
        def r = p.run('catalog', 'inspect', ref, '-o', 'json')
        assertOk r
        new JsonSlurper().parseText(r.stdout) as Map
    }

    private static void assertOk(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }

    private static void run(List<String> cmd) {
        def p = cmd.execute()
        def err = new StringBuilder()
        p.waitForProcessOutput(new StringBuilder(), err)
        assert p.exitValue() == 0: err.toString()
    }

    private List<String> repositories() {
        def r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://${registry.host}/v2/_catalog")).build(),
                HttpResponse.BodyHandlers.ofString())
        (new JsonSlurper().parseText(r.body()).repositories ?: []) as List<String>
    }
}
