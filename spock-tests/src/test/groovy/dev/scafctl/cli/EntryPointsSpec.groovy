package dev.scafctl.cli

import dev.scafctl.oci.Digest
import dev.scafctl.support.ScafctlProcess
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.nio.file.attribute.FileTime
import java.util.concurrent.TimeUnit

/**
 * The ways in: ./scafctl (builds on first use, then plain java), and JBang taken from Maven
 * Central running scafctl.java, the ./scafctl file itself, and a JShell session.
 */
@Stepwise
class EntryPointsSpec extends Specification {

    @Shared Path root = ScafctlProcess.root()
    @Shared ScafctlProcess scafctl = ScafctlProcess.inTempHome()
    @Shared Path copy
    @Shared String expected
    /** One JBang home for the spec: JBang builds and caches there, as it would for a user. */
    @Shared Map<String, String> jbangEnv

    def setupSpec() {
        expected = scafctl.run('run', 'solution', '-f', 'examples/hello/solution.yaml').stdout
        jbangEnv = scafctl.env + [JBANG_DIR: Files.createTempDirectory('jbang').toString(), JBANG_NO_VERSION_CHECK: 'true']
    }

    static Map<String, Object> sh(Path dir, List<String> cmd, Map<String, String> env = [:], String stdin = null) {
        def pb = new ProcessBuilder(cmd).directory(dir.toFile())
        pb.environment().putAll(env)
        def p = pb.start()
        if (stdin != null) p.outputStream.withWriter { it << stdin } else p.outputStream.close()
        def out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream()
        def t1 = Thread.start { out << p.inputStream }, t2 = Thread.start { err << p.errorStream }
        assert p.waitFor(600, TimeUnit.SECONDS): "${cmd} did not finish"
        t1.join(); t2.join()
        [exit: p.exitValue(), out: out.toString('UTF-8'), err: err.toString('UTF-8')]
    }

    def "./scafctl builds on first use in a clean copy, then prints what the CLI prints"() {
        given: 'a copy of the checkout without any build output'
        copy = Files.createTempDirectory('scafctl-checkout')
        Files.walk(root).withCloseable { s ->
            s.filter { p -> !root.relativize(p).any { it.toString() in ['target', '.git'] } }.forEach { p ->
                def to = copy.resolve(root.relativize(p).toString())
                if (Files.isDirectory(p)) Files.createDirectories(to)
                else Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES)
            }
        }

        when: 'the launcher runs for the first time'
        def first = sh(copy, ['./scafctl', 'run', 'solution', '-f', 'examples/hello/solution.yaml'], scafctl.env)

        then: 'it built with Maven and ran the solution'
        first.exit == 0
        first.err.contains('scafctl: building')
        first.out == expected
    }

    def "the warm path starts java directly, without Maven"() {
        when:
        def warm = sh(copy, ['./scafctl', '--version'], scafctl.env)

        then:
        warm.exit == 0
        !warm.err.contains('building')
        warm.out.startsWith('scafctl 0.1.0')
    }

    def "a changed source file makes the launcher rebuild"() {
        given: 'a source file newer than the last build'
        def source = copy.resolve('lib/cli/src/main/java/dev/scafctl/cli/Main.java')
        Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() + 5000))

        when:
        def r = sh(copy, ['./scafctl', '--version'], scafctl.env)

        then:
        r.exit == 0
        r.err.contains('scafctl: building')
    }

    def "JBang from Maven Central runs scafctl.java and ./scafctl with the same output"() {
        given: 'the library in the local Maven repository is this build (mvn install)'
        def installed = Path.of(System.getProperty('user.home'), '.m2/repository/dev/scafctl/scafctl-cli/0.1.0/scafctl-cli-0.1.0.jar')
        def built = root.resolve('lib/cli/target/scafctl-cli-0.1.0.jar')
        assert Files.exists(installed) && Digest.of(installed) == Digest.of(built):
                'the JBang path needs this build installed: run the suite with mvn install (scripts/test does)'
        def env = jbangEnv

        when:
        def viaScript = sh(root, [root.resolve('scripts/jbang').toString(), 'scafctl.java', 'run', 'solution', '-f', 'examples/hello/solution.yaml'], env)
        def viaAlias = sh(root, [root.resolve('scripts/jbang').toString(), 'scafctl', 'run', 'solution', '-f', 'examples/hello/solution.yaml'], env)

        then:
        viaScript.exit == 0
        viaScript.out == expected
        viaAlias.exit == 0
        viaAlias.out == expected
    }

    def "jbang --interactive scafctl.java opens JShell with the library"() {
        given:
        def env = jbangEnv
        def session = '''var scafctl = dev.scafctl.Scafctl.create();
var solution = scafctl.loadSolution(java.nio.file.Path.of("examples/hello/solution.yaml"));
System.out.println("VALUES " + scafctl.run(solution));
/exit
'''

        when:
        def r = sh(root, [root.resolve('scripts/jbang').toString(), '--interactive', 'scafctl.java'], env, session)

        then:
        r.exit == 0
        r.out.contains('VALUES {name=world, greeting=Hello, world!}')

        and: 'JBang has nothing to warn about: the entry class is in a package JShell can load'
        !(r.out + r.err).contains('default package')
        !(r.out + r.err).contains('[WARN]')
    }

    def "a workflow script runs under JBang as it does under scafctl dsl run"() {
        when:
        def viaJBang = sh(root, [root.resolve('scripts/jbang').toString(), 'scripts/ci.groovy', 'examples/hello/solution.yaml', 'name=JBang'], jbangEnv)
        def viaDsl = scafctl.run('dsl', 'run', 'scripts/ci.groovy', 'examples/hello/solution.yaml', 'name=JBang')

        then:
        viaJBang.exit == 0
        viaJBang.out.trim() == '{"name":"JBang","greeting":"Hello, JBang!"}'
        viaDsl.stdout == viaJBang.out
    }

    def cleanupSpec() {
        copy?.toFile()?.deleteDir()
    }
}
