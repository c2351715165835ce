package dev.scafctl.catalog

import dev.scafctl.oci.Descriptor
import dev.scafctl.oci.Digest
import dev.scafctl.oci.Manifest
import dev.scafctl.oci.MediaTypes
import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import dev.scafctl.support.Skopeo
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Unroll

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

/**
 * Solution bundles: the files of {@code bundle.include} built into the artifact as the Go scafctl
 * lays them out, and extracted (digest-checked, confined, all or nothing) when the solution runs
 * from a catalog. The Go facts used to build layers by hand here:
 * <ul>
 *   <li>media types: pkg/catalog/media_types.go and pkg/catalog/mediatypes/mediatypes.go;</li>
 *   <li>v2 layer order (0 YAML, 1 bundle manifest, 2 small-files tar when any, then one blob per
 *       distinct large file) and the layer field: pkg/catalog/local.go (StoreDedup) and
 *       pkg/solution/bundler/dedupe.go (CreateDeduplicatedBundle, DefaultDedupeThreshold 4 KiB);</li>
 *   <li>manifest JSON fields (version, root, files[path, size, digest, layer], plugins) and the v1
 *       tar with .scafctl/bundle-manifest.json first: pkg/solution/bundler/tar.go.</li>
 * </ul>
 */
class SolutionBundleSpec extends Specification {
    static final String SMALL = 'application/vnd.scafctl.solution.bundle-small.v2+tar'
    static final String BLOB = 'application/vnd.scafctl.solution.bundle-blob.v2+octet-stream'
    static final String BUNDLE_MANIFEST = 'application/vnd.scafctl.solution.bundle-manifest.v2+json'
    static final String V1_TAR = 'application/vnd.scafctl.solution.bundle.v1+tar'
    static final String YAML = 'application/vnd.scafctl.solution.v1+yaml'
    static final String BIG = 'y' * 5000

    static final String READER = '''\
apiVersion: scafctl.io/v1
kind: Solution
metadata:
  name: NAME
  version: 1.0.0
bundle:
  include:
    - templates/**
    - big.txt
spec:
  resolvers:
    small:
      type: string
      resolve:
        with:
          - provider: file
            inputs:
              path: templates/a.txt
    big:
      type: string
      resolve:
        with:
          - provider: file
            inputs:
              path: big.txt
'''

    @Shared
    @AutoCleanup
    RegistryFixture registry = RegistryFixture.start()

    ScafctlProcess scafctl
    Path work

    def setup() {
        scafctl = ScafctlProcess.inTempHome()
        work = Files.createTempDirectory('bundle-src')
    }

    def cleanup() {
        scafctl?.home?.toFile()?.deleteDir()
        work?.toFile()?.deleteDir()
    }

    def "a bundle we build round-trips: the Go layers, every file identical and at its digest"() {
        given: 'a solution whose include globs match small, large, duplicate and nested files'
        def sol = source('rt')
        write('templates/deep/b.txt', 'bee')
        write('templates/copy-of-big.txt', BIG)
        write('templates/' + 'long-directory-name/' * 6 + 'past-the-100-bytes-of-a-tar-header.txt', 'long')

        when: 'it is built, then run by NAME@VERSION from another directory'
        def build = scafctl.run('build', 'solution', '-f', sol.toString())
        def run = scafctl.run(['run', 'solution', '-f', 'rt@1.0.0', '-o', 'json'], [:], scafctl.home)

        then: 'the run reads its files from the bundle'
        build.exitCode == 0
        run.exitCode == 0
        new JsonSlurper().parseText(run.stdout) == [small: 'small a', big: BIG]

        and: 'the manifest has the Go layers in order, the equal large files stored once'
        def m = manifest('rt')
        m.layers*.mediaType == [YAML, BUNDLE_MANIFEST, SMALL, BLOB]
        def bundle = new JsonSlurper().parse(blob(m.layers[1].digest))
        bundle.version == 2
        bundle.files.collectEntries { [it.path, it.layer] } ==
                ['templates/a.txt': 2, 'templates/deep/b.txt': 2, 'templates/copy-of-big.txt': 3, 'big.txt': 3,
                 ('templates/' + 'long-directory-name/' * 6 + 'past-the-100-bytes-of-a-tar-header.txt'): 2]

        and: 'every extracted file is the source file, at the digest the bundle manifest gives'
        def extracted = scafctl.home.resolve('cache/scafctl/bundles').resolve(digestOf(manifestBytes('rt')).substring(7))
        bundle.files.every { f ->
            Files.readAllBytes(extracted.resolve(f.path)) == Files.readAllBytes(work.resolve(f.path)) && digestOf(Files.readAllBytes(work.resolve(f.path))) == f.digest
        }
    }

    @Unroll
    def "include #include less .scafctlignore #ignore bundles #bundled"() {
        given: 'files, and a solution that bundles by glob alone (no file provider)'
        ['templates/a.txt', 'templates/deep/b.txt', 'templates/x.bak', 'other.txt'].each { write(it, it) }
        write('.scafctlignore', ignore)
        def sol = write('solution.yaml', """\
apiVersion: scafctl.io/v1
kind: Solution
metadata: {name: globbed, version: 1.0.0}
bundle:
  include: ${JsonOutput.toJson(include)}
spec:
  resolvers:
    x: {type: string, resolve: {with: [{provider: static, inputs: {value: x}}]}}
""")

        when:
        def build = scafctl.run('build', 'solution', '-f', sol.toString())

        then:
        build.exitCode == 0
        def layers = manifest('globbed').layers
        (layers.size() > 1 ? new JsonSlurper().parse(blob(layers[1].digest)).files*.path : []) as Set == bundled as Set

        where:
        include           | ignore                        || bundled
        ['templates/**']  | ''                            || ['templates/a.txt', 'templates/deep/b.txt', 'templates/x.bak']
        ['templates/**']  | '*.bak'                       || ['templates/a.txt', 'templates/deep/b.txt']
        ['templates/**']  | 'deep/'                       || ['templates/a.txt', 'templates/x.bak']
        ['templates/**']  | '*.txt\n!deep/b.txt'         || ['templates/deep/b.txt', 'templates/x.bak']
        ['**/*.txt']      | '/templates/a.txt'            || ['templates/deep/b.txt', 'other.txt']
        ['**/*.txt']      | '# all of them\n**/*.txt'    || []
        ['other.txt']     | ''                            || ['other.txt']
    }

    @Unroll
    def "a bundle laid out as the Go tool writes it (#format) is extracted and its files read"() {
        given: 'a solution stored with hand-made Go layers'
        store('gosol', layers(format, ['templates/a.txt': 'small a'.bytes, 'big.txt': BIG.bytes]))

        when:
        def run = scafctl.run(['run', 'solution', '-f', 'gosol@1.0.0', '-o', 'json'], [:], scafctl.home)

        then:
        run.exitCode == 0
        new JsonSlurper().parseText(run.stdout) == [small: 'small a', big: BIG]

        where:
        format << ['v1', 'v2']
    }

    @Unroll
    def "a hostile bundle (#problem) is refused with exit #exit and nothing is extracted"() {
        given:
        store('bad', bad)

        when:
        def run = scafctl.run(['run', 'solution', '-f', 'bad@1.0.0'], [:], scafctl.home)

        then: 'the run fails, naming the refusal'
        run.exitCode == exit
        run.stderr.contains(says)

        and: 'nothing of it was written, in the cache or beside it'
        def bundles = scafctl.home.resolve('cache/scafctl/bundles')
        !Files.exists(bundles) || bundles.toFile().list().length == 0
        !Files.exists(scafctl.home.resolve('cache/scafctl/evil.txt'))
        !Files.exists(Path.of('/tmp/scafctl-bundle-evil.txt'))

        where:
        problem                  | bad                                                              || exit | says
        'a ../ name'             | v1([['../evil.txt', 'x']])                                       || 2    | 'outside the bundle'
        'an absolute name'       | v1([['/tmp/scafctl-bundle-evil.txt', 'x']])                      || 2    | 'outside the bundle'
        'a symlink out'          | v1([['templates/a.txt', '/etc/passwd', '2']])                    || 2    | 'link'
        'a ../ in the v2 list'   | v2manifest([[path: '../evil.txt', size: 1, digest: digestOf('x'.bytes), layer: 2]], tar([['x', 'x']])) || 2 | 'outside the bundle'
        'a file not as listed'   | v2manifest([[path: 'templates/a.txt', size: 7, digest: digestOf('other!!'.bytes), layer: 2]], tar([['templates/a.txt', 'small a']])) || 1 | 'digest mismatch'
        'a layer not its digest' | tampered()                                                       || 1    | 'digest mismatch'
        'an oversize entry'      | v1([['big.txt', '', '0', 60L * 1024 * 1024]])                    || 2    | 'more than'
        'a file twice'           | v1([['templates/a.txt', 'small a'], ['templates/a.txt', 'small a']]) || 2 | 'twice'
    }

    def "skopeo sees the bundle layers after a push, and a run by registry reference reads the files"() {
        given: 'a bundled solution built and pushed, then deleted locally'
        def sol = source('pushed')
        assert scafctl.run('build', 'solution', '-f', sol.toString()).exitCode == 0
        assert scafctl.run('catalog', 'push', 'pushed@1.0.0', '--catalog', "${registry.host}/bundles").exitCode == 0
        assert scafctl.run('catalog', 'delete', 'pushed@1.0.0').exitCode == 0

        when:
        def raw = Skopeo.raw("docker://${registry.host}/bundles/solutions/pushed:1.0.0")
        def run = scafctl.run(['run', 'solution', '-f', "${registry.host}/bundles/solutions/pushed@1.0.0".toString(), '-o', 'json'], [:], scafctl.home)

        then:
        raw.layers*.mediaType == [YAML, BUNDLE_MANIFEST, SMALL, BLOB]
        run.exitCode == 0
        new JsonSlurper().parseText(run.stdout).small == 'small a'
    }

    // ---- the solution and its files

    private Path source(String name) {
        write('templates/a.txt', 'small a')
        write('big.txt', BIG)
        write('solution.yaml', READER.replace('NAME', name))
    }

    private Path write(String rel, String text) {
        def p = work.resolve(rel)
        Files.createDirectories(p.parent)
        Files.writeString(p, text)
        p
    }

    // ---- layers as the Go tool lays them out

    /** The bundle layers of {@code files} in the Go v1 or v2 layout (see the class comment). */
    static List layers(String format, Map<String, byte[]> files) {
        if (format == 'v1') {
            def entries = files.collect { p, c -> [path: p, size: c.length, digest: digestOf(c)] }
            def manifest = JsonOutput.prettyPrint(JsonOutput.toJson([version: 1, root: '.', files: entries])).bytes
            return [[V1_TAR, tar([['.scafctl/bundle-manifest.json', manifest]] + files.collect { p, c -> [p, c] })]]
        }
        def small = files.findAll { it.value.length < 4096 }
        def large = files.findAll { it.value.length >= 4096 }
        def entries = small.collect { p, c -> [path: p, size: c.length, digest: digestOf(c), layer: 2] } +
                large.collect { p, c -> [path: p, size: c.length, digest: digestOf(c), layer: 3] }
        [[BUNDLE_MANIFEST, JsonOutput.toJson([version: 2, root: '.', files: entries]).bytes],
         [SMALL, tar(small.collect { p, c -> [p, c] })]] + large.collect { p, c -> [BLOB, c] }
    }

    static List v1(List entries) {
        def files = entries.findAll { it[0] != '../evil.txt' && !it[0].startsWith('/') }
        def listed = files.collect { [path: it[0], size: (it[1] as String).length(), digest: digestOf((it[1] as String).bytes)] }
        def manifest = JsonOutput.toJson([version: 1, root: '.', files: listed])
        [[V1_TAR, tar([['.scafctl/bundle-manifest.json', manifest]] + entries)]]
    }

    static List v2manifest(List files, byte[] smallTar) {
        [[BUNDLE_MANIFEST, JsonOutput.toJson([version: 2, root: '.', files: files]).bytes], [SMALL, smallTar]]
    }

    /** A v2 bundle whose small-files tar blob was swapped for other bytes of the same size. */
    static List tampered() {
        def good = tar([['templates/a.txt', 'small a']])
        def evil = tar([['templates/a.txt', 'small b']])
        [[BUNDLE_MANIFEST, JsonOutput.toJson([version: 2, root: '.', files: [[path: 'templates/a.txt', size: 7, digest: digestOf('small a'.bytes), layer: 2]]]).bytes],
         [SMALL, good, evil]]
    }

    /** A tar as Go's archive/tar writes it: ustar headers; entries [name, content, type, declared size]. */
    static byte[] tar(List entries) {
        def out = new ByteArrayOutputStream()
        entries.each { e ->
            byte[] content = e[1] instanceof byte[] ? e[1] : (e[1] as String).getBytes(StandardCharsets.UTF_8)
            String type = e.size() > 2 ? e[2] : '0'
            long size = e.size() > 3 ? e[3] : (type == '0' ? content.length : 0)
            byte[] h = new byte[512]
            put(h, 0, e[0] as String)
            put(h, 100, '0000644')
            put(h, 108, '0000000')
            put(h, 116, '0000000')
            put(h, 124, String.format('%011o', size))
            put(h, 136, '00000000000')
            h[156] = (byte) type.charAt(0)
            if (type == '2') put(h, 157, new String(content, StandardCharsets.UTF_8))
            put(h, 257, 'ustar')
            put(h, 263, '00')
            (148..155).each { h[it] = (byte) 0x20 }
            long sum = 0
            h.each { sum += (it & 0xff) }
            put(h, 148, String.format('%06o', sum))
            h[155] = (byte) 0x20
            out.write(h)
            if (type == '0' && size == content.length) {
                out.write(content)
                out.write(new byte[(512 - content.length % 512) % 512])
            }
        }
        out.write(new byte[1024])
        out.toByteArray()
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8)
        System.arraycopy(b, 0, h, off, b.length)
    }

    // ---- the local catalog, written through the library as a pull would leave it

    /** Stores solution NAME@1.0.0 with the READER YAML as layer 0 and {@code bundleLayers} after it. */
    private void store(String name, List bundleLayers) {
        def local = new LocalCatalog(scafctl.home.resolve('data/scafctl/catalog'))
        def layout = local.layout()
        layout.ensureInitialized()
        def config = layout.putBlob('application/vnd.scafctl.solution.config.v1+json',
                JsonOutput.toJson([kind: 'solution', name: name, version: '1.0.0']).bytes)
        def descriptors = [layout.putBlob(YAML, READER.replace('NAME', name).bytes)]
        bundleLayers.each { l ->
            Descriptor d = layout.putBlob(l[0] as String, l[1] as byte[])
            if (l.size() > 2) Files.write(layout.blobPath(d.digest()), l[2] as byte[])
            descriptors << d
        }
        def annotations = [(MediaTypes.ARTIFACT_TYPE): 'solution', (MediaTypes.ARTIFACT_NAME): name, (MediaTypes.VERSION): '1.0.0']
        def top = layout.putBlob(MediaTypes.IMAGE_MANIFEST, Manifest.of(config, descriptors, annotations).toJson())
        local.commit(ArtifactKind.SOLUTION, name, '1.0.0', top, true, 'built')
    }

    private byte[] manifestBytes(String name) {
        def local = new LocalCatalog(scafctl.home.resolve('data/scafctl/catalog'))
        local.layout().readSmallBlob(local.entry(ArtifactKind.SOLUTION, name, '1.0.0').get().digest())
    }

    private Map manifest(String name) {
        new JsonSlurper().parse(manifestBytes(name)) as Map
    }

    private byte[] blob(String digest) {
        Files.readAllBytes(scafctl.home.resolve('data/scafctl/catalog/blobs/sha256').resolve(digest.substring(7)))
    }

    static String digestOf(byte[] b) {
        'sha256:' + MessageDigest.getInstance('SHA-256').digest(b).encodeHex()
    }
}
