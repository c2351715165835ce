package dev.scafctl.catalog

import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import dev.scafctl.support.Skopeo
import groovy.json.JsonSlurper
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path

/** Catalog commands against a real registry (CNCF Distribution) and checked with skopeo. */
class CatalogRegistrySpec extends Specification {
    @Shared
    @AutoCleanup
    RegistryFixture registry = RegistryFixture.start()

    static final Path HELLO = ScafctlProcess.root().resolve('examples/hello/solution.yaml')

    ScafctlProcess scafctl

    def setup() {
        // created here, not in a field initializer, so data-table evaluation creates no stray home
        scafctl = ScafctlProcess.inTempHome()
    }

    def cleanup() {
        scafctl?.home?.toFile()?.deleteDir()
    }

    def "a solution goes build, push, delete locally, pull and run"() {
        given: 'a solution built into the local catalog'
        assertOk scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')

        when: 'it is pushed, deleted locally and pulled back'
        def push = scafctl.run('catalog', 'push', 'hello@1.0.0', '--catalog', "${registry.host}/flow")
        def delete = scafctl.run('catalog', 'delete', 'hello@1.0.0')
        def listed = scafctl.run('catalog', 'list', '-o', 'json')
        def pull = scafctl.run('catalog', 'pull', "${registry.host}/flow/solutions/hello@1.0.0")
        def run = scafctl.run('run', 'solution', '-f', 'hello@1.0.0', '-r', 'name=catalog', '-o', 'json')

        then: 'every step succeeds and the pulled solution runs'
        assertOk push
        push.stdout.contains("${registry.host}/flow/solutions/hello:1.0.0")
        assertOk delete
        new JsonSlurper().parseText(listed.stdout) == []
        assertOk pull
        assertOk run
        new JsonSlurper().parseText(run.stdout).greeting == 'Hello, catalog!'

        and: 'the local copy records where it came from'
        def inspect = new JsonSlurper().parseText(scafctl.run('catalog', 'inspect', 'hello@1.0.0', '-o', 'json').stdout)
        inspect.origin == "${registry.host}/flow/solutions/hello:1.0.0"
    }

    def "run solution with a full registry reference pulls it first"() {
        given: 'a solution in the registry only'
        assertOk scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '2.0.0')
        assertOk scafctl.run('catalog', 'push', 'hello@2.0.0', '--catalog', "${registry.host}/runref")
        assertOk scafctl.run('catalog', 'delete', 'hello@2.0.0')

        when:
        def run = scafctl.run('run', 'solution', '-f', "${registry.host}/runref/solutions/hello@2.0.0", '-r', 'name=remote', '-o', 'json')

        then:
        assertOk run
        new JsonSlurper().parseText(run.stdout).greeting == 'Hello, remote!'
    }

    def "skopeo sees our media types and annotations, and a multi-platform plugin as an image index"() {
        given: 'a solution and a two-platform plugin pushed'
        def bins = binaries()
        assertOk scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')
        assertOk scafctl.run('build', 'plugin', '--name', 'echo', '--kind', 'provider', '--version', '1.5.3-abc',
                '--platform', "linux/amd64=${bins.amd}", '--platform', "darwin/arm64=${bins.arm}")
        assertOk scafctl.run('catalog', 'push', 'hello@1.0.0', '--catalog', "${registry.host}/sk")
        assertOk scafctl.run('catalog', 'push', 'echo@1.5.3-abc', '--catalog', "${registry.host}/sk")

        when: 'skopeo reads the raw manifests'
        def solution = Skopeo.raw("docker://${registry.host}/sk/solutions/hello:1.0.0")
        def plugin = Skopeo.raw("docker://${registry.host}/sk/providers/echo:1.5.3-abc")
        def amd = plugin.manifests.find { it.platform?.os == 'linux' }
        def amdManifest = Skopeo.raw("docker://${registry.host}/sk/providers/echo@${amd.digest}")

        then: 'the solution is an image manifest with our config and content types'
        solution.mediaType == 'application/vnd.oci.image.manifest.v1+json'
        solution.config.mediaType == 'application/vnd.scafctl.solution.config.v1+json'
        solution.layers[0].mediaType == 'application/vnd.scafctl.solution.v1+yaml'
        solution.annotations['dev.scafctl.artifact.type'] == 'solution'
        solution.annotations['dev.scafctl.artifact.name'] == 'hello'
        solution.annotations['dev.scafctl.solution.category'] == 'examples'

        and: 'the plugin is an index with one manifest per platform'
        plugin.mediaType == 'application/vnd.oci.image.index.v1+json'
        plugin.annotations['dev.scafctl.artifact.type'] == 'provider'
        plugin.manifests*.annotations*.get('dev.scafctl.plugin.platform') as Set == ['linux/amd64', 'darwin/arm64'] as Set
        amd.platform == [architecture: 'amd64', os: 'linux']
        amdManifest.layers[0].mediaType == 'application/vnd.scafctl.provider.v1+binary'
        amdManifest.layers[0].digest == sha256(bins.amd)
    }

    def "skopeo reads the local catalog as an OCI layout"() {
        given:
        assertOk scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')
        def dir = scafctl.home.resolve('data/scafctl/catalog')

        when:
        def raw = Skopeo.raw("oci:${dir}:solution/hello:1.0.0")

        then:
        raw.annotations['dev.scafctl.artifact.type'] == 'solution'
        raw.layers[0].mediaType == 'application/vnd.scafctl.solution.v1+yaml'
    }

    def "--catalog given as #how pushes to #prefix"() {
        given: 'a built solution and the config of this case'
        assertOk scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')
        setup.each { List<String> cmd -> assertOk scafctl.run(cmd.collect { it.replace('HOST', registry.host) }) }

        when:
        def push = scafctl.run(['catalog', 'push', 'hello@1.0.0'] + flag.collect { it.replace('HOST', registry.host) })

        then:
        assertOk push
        tags("${prefix}/solutions/hello") == ['1.0.0']

        where:
        how                  | setup                                                                               | flag                  || prefix
        'a URL'              | []                                                                                  | ['--catalog', 'HOST/by-url'] || 'by-url'
        'a configured name'  | [['config', 'add-catalog', 'corp', '--type', 'oci', '--url', 'HOST/by-name']]      | ['--catalog', 'corp'] || 'by-name'
        'the default'        | [['config', 'add-catalog', 'corp', '--type', 'oci', '--url', 'HOST/by-default', '--default']] | [] || 'by-default'
        'use-catalog'        | [['config', 'add-catalog', 'a', '--url', 'HOST/other'], ['config', 'add-catalog', 'b', '--url', 'HOST/by-use'], ['config', 'use-catalog', 'b']] | [] || 'by-use'
        'config set catalog' | [['config', 'set', 'catalog', 'HOST/by-set']]                                      | []                    || 'by-set'
    }

    def "--catalog #how is an input error naming the fix"() {
        given:
        assertOk scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')
        setup.each { List<String> cmd -> assertOk scafctl.run(cmd.collect { it.replace('HOST', registry.host) }) }

        when:
        def push = scafctl.run(['catalog', 'push', 'hello@1.0.0'] + flag)

        then:
        push.exitCode == 2
        push.stderr.contains(message)

        where:
        how            | setup                                                              | flag                     || message
        'missing'      | []                                                                 | []                       || 'scafctl config add-catalog NAME --type oci --url URL --default'
        'unknown name' | [['config', 'add-catalog', 'corp', '--url', 'HOST/x']]             | ['--catalog', 'nothere'] || "unknown catalog 'nothere' (from --catalog); configured catalogs: corp"
    }

    def "pull takes the kind from the path, or else from the manifest annotation"() {
        given: 'a solution pushed normally, and copied by skopeo to a path without a kind segment'
        assertOk scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')
        assertOk scafctl.run('catalog', 'push', 'hello@1.0.0', '--catalog', "${registry.host}/kinds")
        def dir = scafctl.home.resolve('data/scafctl/catalog')
        def copy = ['skopeo', 'copy', '--dest-tls-verify=false', "oci:${dir}:solution/hello:1.0.0",
                    "docker://${registry.host}/kinds/plain/hello:1.0.0"].execute()
        copy.waitForProcessOutput(new StringBuilder(), new StringBuilder())
        assert copy.exitValue() == 0
        assertOk scafctl.run('catalog', 'delete', 'hello@1.0.0')

        when:
        def fromPath = scafctl.run('catalog', 'pull', "${registry.host}/kinds/solutions/hello@1.0.0")
        assertOk scafctl.run('catalog', 'delete', 'hello@1.0.0')
        def fromAnnotation = scafctl.run('catalog', 'pull', "${registry.host}/kinds/plain/hello:1.0.0")

        then:
        assertOk fromPath
        fromPath.stdout.startsWith('pulled solution hello@1.0.0')
        assertOk fromAnnotation
        fromAnnotation.stdout.startsWith('pulled solution hello@1.0.0')
        new JsonSlurper().parseText(scafctl.run('catalog', 'list', '-o', 'json').stdout)*.kind == ['solution']
    }

    def "pull --version picks the highest version satisfying the constraint"() {
        given:
        ['1.0.0', '1.4.0', '2.0.0'].each {
            assertOk scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', it)
            assertOk scafctl.run('catalog', 'push', "hello@${it}", '--catalog', "${registry.host}/constraint")
            assertOk scafctl.run('catalog', 'delete', "hello@${it}")
        }

        when:
        def pull = scafctl.run('catalog', 'pull', "${registry.host}/constraint/solutions/hello", '--version', '^1.0.0')

        then:
        assertOk pull
        pull.stdout.startsWith('pulled solution hello@1.4.0')
    }

    def "a remote catalog lists its artifacts, tags aliases and deletes versions"() {
        given:
        assertOk scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')
        assertOk scafctl.run('config', 'add-catalog', 'corp', '--url', "${registry.host}/listing", '--default')
        assertOk scafctl.run('catalog', 'push', 'hello@1.0.0')

        when:
        def tag = scafctl.run('catalog', 'tag', 'hello@1.0.0', 'stable', '--catalog', 'corp')
        def list = new JsonSlurper().parseText(scafctl.run('catalog', 'list', '--catalog', 'corp', '-o', 'json').stdout)
        def all = new JsonSlurper().parseText(scafctl.run('catalog', 'list', '--all', '-o', 'json').stdout)
        def delete = scafctl.run('catalog', 'delete', 'hello@1.0.0', '--catalog', 'corp')

        then:
        assertOk tag
        list.collect { "${it.kind}/${it.name}@${it.version}" } as Set == ['solution/hello@1.0.0', 'solution/hello@stable'] as Set
        all*.catalog as Set == ['local', 'corp'] as Set
        assertOk delete
        delete.stderr.contains('also removes the tags pointing at the same manifest: stable')
        tags('listing/solutions/hello') == []
    }

    def "a remote catalog lists each tag with the manifest digest skopeo reads, short in the table"() {
        given: 'a solution and a two-platform plugin pushed, and an alias of the plugin'
        def bins = binaries()
        def at = "${registry.host}/digests"
        assertOk scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')
        assertOk scafctl.run('build', 'plugin', '--name', 'echo', '--kind', 'provider', '--version', '1.5.3',
                '--platform', "linux/amd64=${bins.amd}", '--platform', "darwin/arm64=${bins.arm}")
        assertOk scafctl.run('catalog', 'push', 'hello@1.0.0', '--catalog', at)
        assertOk scafctl.run('catalog', 'push', 'echo@1.5.3', '--catalog', at)
        assertOk scafctl.run('catalog', 'tag', 'echo@1.5.3', 'stable', '--catalog', at)

        when:
        def json = scafctl.run('catalog', 'list', '--catalog', at, '-o', 'json')
        def table = scafctl.run('catalog', 'list', '--catalog', at)

        then: 'every tag has the digest of the manifest skopeo reads there'
        assertOk json
        def rows = new JsonSlurper().parseText(json.stdout)
        rows.collect { "${it.kind}/${it.name}@${it.version}".toString() } as Set ==
                ['solution/hello@1.0.0', 'provider/echo@1.5.3', 'provider/echo@stable'] as Set
        rows.every { it.digest == skopeoDigest("docker://${at}/${it.kind}s/${it.name}:${it.version}") }
        rows.find { it.version == 'stable' }.digest == rows.find { it.version == '1.5.3' }.digest

        and: 'the table shows them short and fits 100 columns'
        assertOk table
        def lines = table.stdout.readLines()
        lines.every { it.length() <= 100 }
        rows.every { r -> lines.any { it.contains(r.digest.substring(0, 'sha256:'.length() + 12)) && !it.contains(r.digest) } }
    }

    def "a registry that refuses deletion gets its own message"() {
        given: 'a registry with deletion disabled'
        def locked = RegistryFixture.start(false)
        assertOk scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')
        assertOk scafctl.run('catalog', 'push', 'hello@1.0.0', '--catalog', "${locked.host}/keep")

        when:
        def delete = scafctl.run('catalog', 'delete', 'hello@1.0.0', '--catalog', "${locked.host}/keep")

        then:
        delete.exitCode == 1
        delete.stderr.contains("registry ${locked.host} refuses to delete")
        delete.stderr.contains('push a new one')
        !delete.stderr.contains('Exception')

        cleanup:
        locked?.close()
    }

    def "an unreachable registry and a missing artifact get distinct messages"() {
        given:
        assertOk scafctl.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')
        int closed = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }

        when:
        def unreachable = scafctl.run('catalog', 'push', 'hello@1.0.0', '--catalog', "127.0.0.1:${closed}/x")
        def missing = scafctl.run('catalog', 'pull', "${registry.host}/none/solutions/nothing@1.0.0")

        then:
        unreachable.exitCode == 1
        unreachable.stderr.contains("cannot reach registry 127.0.0.1:${closed}")
        missing.exitCode == 1
        missing.stderr.contains('not found in registry')
    }

    // ---- helpers

    private static void assertOk(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }

    private List<String> tags(String repo) {
        def r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://${registry.host}/v2/${repo}/tags/list")).build(),
                HttpResponse.BodyHandlers.ofString())
        if (r.statusCode() == 404) return []
        (new JsonSlurper().parseText(r.body()).tags ?: []) as List<String>
    }

    /** The digest of the manifest skopeo reads at {@code ref}, as skopeo computes it. */
    private String skopeoDigest(String ref) {
        def raw = Files.createTempFile(scafctl.home, 'manifest', '.json')
        def inspect = new ProcessBuilder('skopeo', 'inspect', '--raw', '--tls-verify=false', ref).redirectOutput(raw.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start()
        assert inspect.waitFor() == 0
        def digest = ['skopeo', 'manifest-digest', raw.toString()].execute()
        def out = new StringBuilder(), err = new StringBuilder()
        digest.waitForProcessOutput(out, err)
        assert digest.exitValue() == 0: err.toString()
        out.toString().trim()
    }

    private Map binaries() {
        def dir = Files.createDirectories(scafctl.home.resolve('bins'))
        def amd = dir.resolve('echo-amd64')
        def arm = dir.resolve('echo-arm64')
        Files.writeString(amd, 'binary for linux/amd64')
        Files.writeString(arm, 'binary for darwin/arm64')
        [amd: amd, arm: arm]
    }

    private static String sha256(Path file) {
        'sha256:' + java.security.MessageDigest.getInstance('SHA-256').digest(Files.readAllBytes(file)).encodeHex().toString()
    }
}
