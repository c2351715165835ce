package dev.scafctl.release

import dev.scafctl.support.ScafctlProcess
import groovy.xml.XmlSlurper
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.security.MessageDigest
import java.util.concurrent.TimeUnit
import java.util.zip.ZipFile

/**
 * The path a real organisation takes: scripts/release writes what Maven Central would receive,
 * scripts/publish checks and bundles it (dry run: no upload), and a user who has only JBang and
 * a JDK runs `jbang scafctl@org` from an empty JBang home and an empty local Maven repository,
 * with the release in a file repository standing in for Central (third-party artifacts come
 * from Central itself).
 *
 * The release is built once, in a copy of the checkout (the suite's own build output stays as
 * it is), signed with a throwaway key.
 */
@Stepwise
class ReleaseSpec extends Specification {

    static final List<String> MODULES = ['scafctl-proto', 'scafctl-core', 'scafctl-plugin-sdk', 'scafctl-dsl', 'scafctl-cli']

    @Shared Path root = ScafctlProcess.root()
    @Shared Path checkout
    @Shared Path release
    @Shared Path gnupg
    @Shared String version
    @Shared String keyId
    @Shared Map<String, Object> built
    @Shared String expected

    def setupSpec() {
        version = new XmlSlurper().parse(root.resolve('pom.xml').toFile()).properties.revision.text()
        expected = ScafctlProcess.inTempHome().run(['run', 'solution', '-f', 'examples/hello/solution.yaml']).stdout
        checkout = copyOfCheckout()
        gnupg = Files.createTempDirectory('gpg')
        sh(gnupg, ['chmod', '700', gnupg.toString()])
        def key = sh(gnupg, ['gpg', '--batch', '--passphrase', '', '--quick-gen-key', 'scafctl release test <release@scafctl.invalid>', 'ed25519', 'sign', 'never'], gpgEnv())
        assert key.exit == 0: key.err
        keyId = sh(gnupg, ['gpg', '--list-keys', '--with-colons'], gpgEnv()).out.readLines().find { it.startsWith('pub:') }.split(':')[4]
        release = Files.createTempDirectory('release')
        built = sh(checkout, ['scripts/release', release.toString(), "-Dgpg.keyname=${keyId}".toString()], gpgEnv(), 900)
    }

    def "scripts/release writes every published module as Maven Central receives it"() {
        expect: 'the release build succeeded'
        built.exit == 0
        built.err.contains("release ${version} written to")

        when:
        def dir = release.resolve("maven/dev/scafctl/${artifact}/${version}")
        def names = Files.list(dir).withCloseable { s -> s.collect { it.fileName.toString() }.toSet() }

        then: 'each file, with its two checksums and its signature'
        def base = "${artifact}-${version}"
        files.every { f ->
            def name = f.replace('$', base)
            [name, "${name}.md5", "${name}.sha1", "${name}.asc"].every { it.toString() in names }
        }

        where:
        artifact             || files
        'scafctl-parent'     || ['$.pom']
        'scafctl-proto'      || ['$.pom', '$.jar', '$-sources.jar', '$-javadoc.jar']
        'scafctl-core'       || ['$.pom', '$.jar', '$-sources.jar', '$-javadoc.jar']
        'scafctl-plugin-sdk' || ['$.pom', '$.jar', '$-sources.jar', '$-javadoc.jar']
        'scafctl-dsl'        || ['$.pom', '$.jar', '$-sources.jar', '$-javadoc.jar']
        'scafctl-cli'        || ['$.pom', '$.jar', '$-sources.jar', '$-javadoc.jar', '$-all.jar']
    }

    def "every checksum matches its file and every signature verifies"() {
        given:
        def files = []
        Files.walk(release.resolve('maven')).withCloseable { s ->
            s.filter { Files.isRegularFile(it) && !(it.fileName.toString() =~ /\.(md5|sha1|asc)$|maven-metadata/) }.forEach { files << it }
        }

        expect:
        files.size() == 22
        files.every { f -> Files.readString(f.resolveSibling("${f.fileName}.md5")).trim() == hash('MD5', f) }
        files.every { f -> Files.readString(f.resolveSibling("${f.fileName}.sha1")).trim() == hash('SHA-1', f) }
        files.every { f -> sh(gnupg, ['gpg', '--verify', "${f}.asc".toString(), f.toString()], gpgEnv()).exit == 0 }
    }

    def "the sources jars hold the sources and the javadoc jars the API documentation"() {
        expect:
        entries("${artifact}-${version}-sources.jar").any { it.endsWith(source) }
        entries("${artifact}-${version}-javadoc.jar").any { it == 'index.html' }

        where:
        artifact             || source
        'scafctl-core'       || 'dev/scafctl/Scafctl.java'
        'scafctl-plugin-sdk' || '.java'
        'scafctl-dsl'        || '.groovy'
        'scafctl-cli'        || 'dev/scafctl/cli/Main.java'
        'scafctl-proto'      || '.java'
    }

    def "each pom has what Central requires and names the released version"() {
        when:
        def text = Files.readString(release.resolve("maven/dev/scafctl/${artifact}/${version}/${artifact}-${version}.pom"))
        def pom = new XmlSlurper().parseText(text)
        def parent = new XmlSlurper().parse(release.resolve("maven/dev/scafctl/scafctl-parent/${version}/scafctl-parent-${version}.pom").toFile())

        then: 'no property stands for the version'
        !text.contains('${revision}')
        (pom.version.text() ?: pom.parent.version.text()) == version

        and: 'name and description of its own, the rest from the published parent'
        pom.name.text()
        pom.description.text()
        parent.url.text().startsWith('https://')
        parent.licenses.license.name.text()
        parent.developers.developer.name.text()
        parent.scm.url.text().startsWith('https://')
        parent.scm.connection.text().startsWith('scm:git:')

        where:
        artifact << ['scafctl-parent'] + MODULES
    }

    def "the runnable jar runs a solution as ./scafctl does, with its checksum beside it"() {
        given:
        def jar = release.resolve("scafctl-${version}.jar")

        when:
        def run = sh(root, ['java', '-jar', jar.toString(), 'run', 'solution', '-f', 'examples/hello/solution.yaml'], isolated())
        def ver = sh(root, ['java', '-jar', jar.toString(), '--version'], isolated())

        then:
        Files.readString(release.resolve("scafctl-${version}.jar.sha256")).trim() == "${hash('SHA-256', jar)}  scafctl-${version}.jar"
        run.exit == 0
        run.out == expected
        ver.out.startsWith("scafctl ${version}")
    }

    def "a version already released into DIR is not overwritten"() {
        given:
        def before = tree(release)

        when:
        def again = sh(checkout, ['scripts/release', release.toString()], gpgEnv(), 900)

        then:
        again.exit == 2
        again.err.contains("already holds release ${version}")
        tree(release) == before
    }

    def "a //DEPS line that names another version stops the release before it builds"() {
        given:
        def entry = checkout.resolve('scafctl.java')
        def original = Files.readString(entry)
        Files.writeString(entry, original.replace("scafctl-cli:${version}", 'scafctl-cli:9.9.9'))
        def other = Files.createTempDirectory('release-stale')

        when:
        def r = sh(checkout, ['scripts/release', other.toString()], gpgEnv())

        then:
        r.exit == 2
        r.err.contains('scafctl.java')
        r.err.contains("scripts/set-version ${version}")
        tree(other).isEmpty()

        cleanup:
        Files.writeString(entry, original)
    }

    def "scripts/publish --dry-run checks and bundles the release for Central without uploading"() {
        given: 'a copy of the release (the dry run adds sha256 and sha512 checksums)'
        def copy = Files.createTempDirectory('release-publish')
        copyTree(release, copy)
        def env = isolated() + [JRELEASER_MAVENCENTRAL_USERNAME: 'dry-run', JRELEASER_MAVENCENTRAL_PASSWORD: 'dry-run']

        when:
        def r = sh(checkout, ['scripts/publish', copy.toString(), '--dry-run'], env, 600)
        def bundle = Files.walk(checkout.resolve('target/jreleaser')).withCloseable { s -> s.filter { it.toString().endsWith('-bundle.zip') }.findFirst().orElse(null) }
        def inBundle = new ZipFile(bundle.toFile()).withCloseable { z -> z.entries().collect { it.name }.toSet() }

        then: 'JReleaser ran its Central checks in dry-run mode and made the upload bundle'
        r.exit == 0
        r.out.contains('dry-run set to true')
        r.out.contains('BUILD SUCCESS')

        and: 'the bundle holds every file with its signature and all four checksums'
        MODULES.every { m ->
            def jar = "dev/scafctl/${m}/${version}/${m}-${version}.jar"
            ['', '.asc', '.md5', '.sha1', '.sha256', '.sha512'].every { "${jar}${it}".toString() in inBundle }
        }
    }

    def "scripts/publish without credentials names what to set and uploads nothing"() {
        when:
        def r = sh(checkout, ['scripts/publish', release.toString()], isolated())

        then:
        r.exit == 2
        r.err.contains('JRELEASER_MAVENCENTRAL_USERNAME')
        r.err.contains('JRELEASER_MAVENCENTRAL_PASSWORD')
    }

    def "jbang scafctl@org runs a solution from an empty JBang home and an empty Maven repository"() {
        given: 'a user with only JBang and a JDK: a new home, so ~/.jbang and ~/.m2 are empty'
        def home = Files.createTempDirectory('jbang-user')
        def env = isolated() + [JBANG_JAVA_OPTIONS: "-Duser.home=${home}".toString(), JBANG_NO_VERSION_CHECK: 'true']
        def work = Files.createTempDirectory('jbang-work')
        Files.copy(root.resolve('examples/hello/solution.yaml'), work.resolve('solution.yaml'))
        def jbang = root.resolve('scripts/jbang').toString()

        and: 'the organisation catalog, and the release repository in JBang\'s user config (Central needs none)'
        def repos = sh(work, [jbang, 'config', 'set', 'run.repos', "mavencentral,scafctl=${release.resolve('maven').toUri()}".toString()], env)
        def catalog = sh(work, [jbang, 'catalog', 'add', '--global', '--name', 'org', checkout.resolve('jbang-catalog.json').toString()], env)

        when:
        def run = sh(work, [jbang, 'scafctl@org', 'run', 'solution', '-f', 'solution.yaml'], env, 600)

        then:
        repos.exit == 0
        catalog.exit == 0
        run.exit == 0
        run.out == expected

        and: 'our jars came from the release, byte for byte, into the new home'
        def fetched = home.resolve(".m2/repository/dev/scafctl/scafctl-core/${version}/scafctl-core-${version}.jar")
        hash('SHA-256', fetched) == hash('SHA-256', release.resolve("maven/dev/scafctl/scafctl-core/${version}/scafctl-core-${version}.jar"))

        when: 'a workflow script of the repository runs the same way'
        def script = sh(work, [jbang, checkout.resolve('scripts/ci.groovy').toString(), 'solution.yaml', 'name=release'], env, 600)

        then:
        script.exit == 0
        script.out.trim() == '{"name":"release","greeting":"Hello, release!"}'
    }

    def cleanupSpec() {
        if (gnupg) sh(gnupg, ['gpgconf', '--kill', 'gpg-agent'], gpgEnv())
        [checkout, release, gnupg].each { it?.toFile()?.deleteDir() }
    }

    // --- helpers ---

    /** The environment without the suite's own XDG or JBang settings. */
    Map<String, String> isolated() {
        def home = Files.createTempDirectory('scafctl-release-user')
        [XDG_CONFIG_HOME: home.resolve('config').toString(), XDG_DATA_HOME: home.resolve('data').toString(),
         XDG_CACHE_HOME: home.resolve('cache').toString()]
    }

    Map<String, String> gpgEnv() {
        isolated() + [GNUPGHOME: gnupg.toString()]
    }

    Path copyOfCheckout() {
        def copy = Files.createTempDirectory('scafctl-release-checkout')
        Files.walk(root).withCloseable { s ->
            s.filter { p -> !root.relativize(p).any { it.toString() == 'target' } }.forEach { p ->
                def to = copy.resolve(root.relativize(p).toString())
                if (Files.isDirectory(p)) Files.createDirectories(to)
                else Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES)
            }
        }
        copy
    }

    static void copyTree(Path from, Path to) {
        Files.walk(from).withCloseable { s ->
            s.forEach { p ->
                def t = to.resolve(from.relativize(p).toString())
                if (Files.isDirectory(p)) Files.createDirectories(t) else Files.copy(p, t)
            }
        }
    }

    static Map<String, String> tree(Path dir) {
        def m = [:] as TreeMap
        Files.walk(dir).withCloseable { s -> s.filter { Files.isRegularFile(it) }.forEach { m[dir.relativize(it).toString()] = hash('SHA-256', it) } }
        m
    }

    List<String> entries(String jarName) {
        def artifact = jarName.replaceAll(/-${version}.*/, '')
        def jar = release.resolve("maven/dev/scafctl/${artifact}/${version}/${jarName}")
        new ZipFile(jar.toFile()).withCloseable { z -> z.entries().collect { it.name } }
    }

    static String hash(String algorithm, Path file) {
        def md = MessageDigest.getInstance(algorithm)
        Files.newInputStream(file).withCloseable { in -> byte[] b = new byte[65536]; int n; while ((n = in.read(b)) > 0) md.update(b, 0, n) }
        md.digest().encodeHex().toString()
    }

    static Map<String, Object> sh(Path dir, List<String> cmd, Map<String, String> env = [:], long timeoutSeconds = 300) {
        def pb = new ProcessBuilder(cmd).directory(dir.toFile())
        pb.environment().keySet().removeAll { it.startsWith('JBANG_') || it.startsWith('JRELEASER_') }
        pb.environment().putAll(env)
        def p = pb.start()
        p.outputStream.close()
        def out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream()
        def t1 = Thread.start { out << p.inputStream }, t2 = Thread.start { err << p.errorStream }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly()
            throw new IllegalStateException("${cmd} did not finish within ${timeoutSeconds}s")
        }
        t1.join(); t2.join()
        [exit: p.exitValue(), out: out.toString('UTF-8'), err: err.toString('UTF-8')]
    }
}
