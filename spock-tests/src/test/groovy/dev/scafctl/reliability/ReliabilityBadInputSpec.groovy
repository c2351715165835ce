package dev.scafctl.reliability

import dev.scafctl.oci.Digest
import dev.scafctl.support.ScafctlProcess
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Unroll

import java.nio.file.Files
import java.nio.file.Path

/**
 * Hostile and malformed local input: every case is an error with exit code 2, and the data and
 * cache directories are byte for byte what they were before. YAML bombs are in SolutionParserSpec,
 * a ../ archive entry and malformed references in LocalCatalogSpec.
 */
class ReliabilityBadInputSpec extends Specification {
    /** A home whose local catalog already holds an artifact, so "nothing written" covers an existing index.json. */
    @Shared ScafctlProcess template
    ScafctlProcess scafctl
    Path outside

    def setupSpec() {
        template = ScafctlProcess.inTempHome()
        def bin = template.home.resolve('existing-bin')
        Files.writeString(bin, 'an existing plugin')
        ok template.run('build', 'plugin', '--name', 'existing', '--kind', 'provider', '--version', '1.0.0',
                '--platform', "linux/amd64=${bin}")
    }

    def cleanupSpec() {
        template?.home?.toFile()?.deleteDir()
    }

    def setup() {
        // a copy per feature: one JVM less per data row
        scafctl = ScafctlProcess.inTempHome()
        Files.walk(template.home).withCloseable { s ->
            s.forEach { p ->
                def target = scafctl.home.resolve(template.home.relativize(p).toString())
                if (Files.isDirectory(p)) Files.createDirectories(target) else Files.copy(p, target)
            }
        }
        outside = Files.createDirectories(scafctl.home.resolve('outside'))
    }

    def cleanup() {
        scafctl?.home?.toFile()?.deleteDir()
    }

    @Unroll
    def "catalog load refuses an archive with #what, with exit 2, writing nothing"() {
        given: 'an archive that starts like a layout and then holds the hostile entry'
        def tar = archive(hostile)
        def before = snapshot()

        when:
        def r = scafctl.run('catalog', 'load', '-i', tar.toString())

        then:
        r.exitCode == 2
        r.stderr.contains(message)
        snapshot() == before
        Files.list(outside).withCloseable { it.toList() } == []

        where:
        what                                     | hostile                      || message
        'an absolute path'                       | 'absoluteEntry'             || 'outside the target directory'
        'a symlink pointing outside'             | 'symlinkEntry'              || 'is a link'
        'a symlink, then a file through it'      | 'fileThroughSymlink'        || 'is a link'
        'a hard link'                            | 'hardLinkEntry'             || 'is a link'
        'an index.json larger than 4 MiB'        | 'oversizedIndex'            || 'index.json is too large'
        'a manifest larger than 4 MiB'           | 'oversizedManifest'         || 'too large'
    }

    def "catalog load into a fresh data dir that fails on an artifact creates no catalog at all"() {
        given: 'a home with no local catalog yet, and an archive whose only manifest is oversized'
        def fresh = ScafctlProcess.inTempHome()
        def tar = archive('oversizedManifest')

        when:
        def r = fresh.run('catalog', 'load', '-i', tar.toString())

        then:
        r.exitCode == 2
        r.stderr.contains('too large')
        !Files.exists(fresh.home.resolve('data/scafctl/catalog'))

        cleanup:
        fresh?.home?.toFile()?.deleteDir()
    }

    def "plugins install refuses #what with exit 2, writing nothing"() {
        given:
        def sol = scafctl.home.resolve('app/solution.yaml')
        Files.createDirectories(sol.parent)
        Files.writeString(sol, """apiVersion: scafctl.io/v1
kind: Solution
metadata: {name: app}
bundle: {plugins: [{name: "${name}", kind: provider, version: "${constraint}"}]}
spec: {resolvers: {}}
""")
        def before = snapshot()

        when:
        def r = scafctl.run(['plugins', 'install', '-f', sol.toString()] + extra)

        then:
        r.exitCode == 2
        r.stderr.contains(message)
        !r.stderr.contains('\tat ')
        snapshot() == before

        where:
        what                              | name          | constraint        | extra                                  || message
        'a constraint of two carets'      | 'tool'        | '^^1.0.0'         | []                                     || "invalid version constraint '^^1.0.0'"
        'an unfinished range'             | 'tool'        | '>=1.0.0 <'       | []                                     || "invalid version constraint '>=1.0.0 <'"
        'a word for a version'            | 'tool'        | 'latest'          | []                                     || "invalid version constraint 'latest'"
        'a shell command as a version'    | 'tool'        | '1.0.0; rm -rf /' | []                                     || 'invalid version constraint'
        'a name that climbs out'          | '../../evil'  | '^1.0.0'          | []                                     || "invalid plugin name '../../evil'"
        'an absolute name'                | '/etc/passwd' | '^1.0.0'          | []                                     || "invalid plugin name '/etc/passwd'"
        'a platform that climbs out'      | 'tool'        | '^1.0.0'          | ['--platform', '../../linux/amd64']    || "invalid platform '../../linux/amd64'"
        'a platform with a path in it'    | 'tool'        | '^1.0.0'          | ['--platform', 'linux/amd64/../../x']  || "invalid platform"
        'an empty platform'               | 'tool'        | '^1.0.0'          | ['--platform', '/']                    || "invalid platform"
    }

    def "build plugin refuses #what with exit 2, writing nothing"() {
        given:
        def bin = scafctl.home.resolve('bin')
        Files.writeString(bin, 'x')
        def before = snapshot()

        when:
        def r = scafctl.run(['build', 'plugin', '--name', name, '--kind', 'provider', '--version', version,
                             '--platform', "${platform}=${bin}".toString()])

        then:
        r.exitCode == 2
        r.stderr.startsWith('Error: ')
        snapshot() == before

        where:
        what                         | name       | version         | platform
        'a name that climbs out'     | '../x'     | '1.0.0'         | 'linux/amd64'
        'a version that climbs out'  | 'x'        | '../../1.0.0'   | 'linux/amd64'
        'a platform that climbs out' | 'x'        | '1.0.0'         | '../linux/amd64'
    }

    def "build solution refuses hostile YAML (#what) with exit 2, writing nothing"() {
        given:
        def sol = scafctl.home.resolve('hostile/solution.yaml')
        Files.createDirectories(sol.parent)
        Files.writeString(sol, yaml)
        def before = snapshot()

        when:
        def r = scafctl.run('build', 'solution', '-f', sol.toString(), '--version', '1.0.0')

        then:
        r.exitCode == 2
        r.stderr.startsWith('Error: ')
        !r.stderr.contains('\tat ')
        snapshot() == before

        where:
        what           | yaml
        'alias bomb'   | 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n'
        'deep nesting' | '[' * 500 + ']' * 500
        'huge scalar'  | 'apiVersion: scafctl.io/v1\nkind: Solution\nmetadata: {name: s}\nspec: {resolvers: {a: {description: "' + 'x' * (9 << 20) + '", resolve: {with: [{provider: static}]}}}}\n'
    }

    /** Every file and directory under the data and cache directories, with the digest of each file. */
    private Map<String, String> snapshot() {
        Map<String, String> out = [:]
        ['data', 'cache'].each { d ->
            def root = scafctl.home.resolve(d)
            if (!Files.exists(root)) return
            Files.walk(root).withCloseable { s ->
                s.forEach { p -> out[scafctl.home.relativize(p).toString()] = Files.isRegularFile(p) ? Digest.of(p).toString() : 'dir' }
            }
        }
        out
    }

    /** A tar holding a valid oci-layout file and one well-formed blob, with the hostile entries appended after them. */
    private Path archive(String hostile) {
        def work = Files.createDirectories(scafctl.home.resolve('work-' + UUID.randomUUID()))
        def layout = Files.createDirectories(work.resolve('layout'))
        Files.writeString(layout.resolve('oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
        def blob = 'a harmless blob'
        Files.createDirectories(layout.resolve('blobs/sha256'))
        Files.writeString(layout.resolve("blobs/sha256/${Digest.of(blob.bytes).hex()}"), blob)
        def tar = work.resolve('archive.tar')
        sh(['tar', '-cf', tar.toString(), '-C', layout.toString(), 'oci-layout', 'blobs'])
        this."${hostile}"(tar, work)
        tar
    }

    private void absoluteEntry(Path tar, Path work) {
        def victim = outside.resolve('planted')
        Files.writeString(victim, 'x')
        sh(['tar', '-P', '-rf', tar.toString(), victim.toString()])
        Files.delete(victim)
    }

    private void symlinkEntry(Path tar, Path work) {
        def dir = Files.createDirectories(work.resolve('links'))
        Files.createSymbolicLink(dir.resolve('index.json'), outside.resolve('index.json'))
        sh(['tar', '-rf', tar.toString(), '-C', dir.toString(), 'index.json'])
    }

    private void fileThroughSymlink(Path tar, Path work) {
        def first = Files.createDirectories(work.resolve('first'))
        Files.createSymbolicLink(first.resolve('escape'), outside)
        sh(['tar', '-rf', tar.toString(), '-C', first.toString(), 'escape'])
        def second = Files.createDirectories(work.resolve('second/escape'))
        Files.writeString(second.resolve('planted'), 'x')
        sh(['tar', '-rf', tar.toString(), '-C', second.parent.toString(), 'escape/planted'])
    }

    private void hardLinkEntry(Path tar, Path work) {
        def dir = Files.createDirectories(work.resolve('hard'))
        Files.writeString(dir.resolve('a'), 'x')
        Files.createLink(dir.resolve('index.json'), dir.resolve('a'))
        sh(['tar', '-rf', tar.toString(), '-C', dir.toString(), 'a', 'index.json'])
    }

    private void oversizedIndex(Path tar, Path work) {
        def dir = Files.createDirectories(work.resolve('big'))
        Files.writeString(dir.resolve('index.json'), '{"schemaVersion":2,"manifests":[]' + ' ' * (5 << 20) + '}')
        sh(['tar', '-rf', tar.toString(), '-C', dir.toString(), 'index.json'])
    }

    private void oversizedManifest(Path tar, Path work) {
        def dir = Files.createDirectories(work.resolve('bigmanifest'))
        byte[] manifest = ('{"schemaVersion":2,"layers":[]' + ' ' * (5 << 20) + '}').bytes
        def digest = Digest.of(manifest)
        Files.createDirectories(dir.resolve('blobs/sha256'))
        Files.write(dir.resolve("blobs/sha256/${digest.hex()}"), manifest)
        Files.writeString(dir.resolve('index.json'), groovy.json.JsonOutput.toJson([schemaVersion: 2, manifests: [[
                mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digest.toString(), size: manifest.length,
                annotations: ['org.opencontainers.image.ref.name': 'provider/big:1.0.0']]]]))
        sh(['tar', '-rf', tar.toString(), '-C', dir.toString(), "blobs/sha256/${digest.hex()}".toString(), 'index.json'])
    }

    private static void sh(List<String> cmd) {
        def p = cmd.execute()
        def err = new StringBuilder()
        p.waitForProcessOutput(new StringBuilder(), err)
        assert p.exitValue() == 0: "${cmd} failed: ${err}"
    }

    static void ok(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }
}
