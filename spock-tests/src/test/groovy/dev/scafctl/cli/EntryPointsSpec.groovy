package dev.scafctl.cli

import dev.scafctl.oci.Digest
import dev.scafctl.support.ScafctlProcess
import spock.lang.Requires
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
 * Central running scafctl.java, the ./scafctl file itself, and a JShell session; and the start-up
 * cache each of them prepares once per build and JDK (a class-data archive, or on JDK 25 and
 * later an AOT cache), seen in the JVM's own class-loading and AOT logs.
 */
@Stepwise
class EntryPointsSpec extends Specification {

    @Shared Path root = ScafctlProcess.root()
    @Shared ScafctlProcess scafctl = ScafctlProcess.inTempHome()
    @Shared Path copy
    @Shared String expected
    /** One JBang home for the spec: JBang builds and caches there, as it would for a user. */
    @Shared Map<String, String> jbangEnv
    /** The launcher on the JDK that runs this spec, whatever JAVA_HOME the build was started with. */
    @Shared Map<String, String> launcherEnv
    /** The user.home that JBang's headers put their start-up caches under, one for the spec. */
    @Shared Path jbangHome

    def setupSpec() {
        expected = scafctl.run('run', 'solution', '-f', 'examples/hello/solution.yaml').stdout
        launcherEnv = scafctl.env + [JAVA_HOME: System.getProperty('java.home')]
        jbangEnv = launcherEnv + [JBANG_DIR: Files.createTempDirectory('jbang').toString(), JBANG_NO_VERSION_CHECK: 'true']
        jbangHome = Files.createTempDirectory('jbang-home')
    }

    /** A JDK of release 25 or later other than the one running this spec, or null. */
    static Path newerJdk() {
        def own = Path.of(System.getProperty('java.home')).toRealPath()
        def homes = Files.isDirectory(Path.of('/usr/lib/jvm')) ? Files.list(Path.of('/usr/lib/jvm')).withCloseable { it.toList() } : []
        homes.find { home ->
            def release = home.resolve('release')
            def version = Files.isRegularFile(release) ? (Files.readString(release) =~ /(?m)^JAVA_VERSION="(\d+)/) : null
            version?.find() && (version.group(1) as int) >= 25 && home.toRealPath() != own && Files.isExecutable(home.resolve('bin/java'))
        }
    }

    /** The launcher's start-up cache files in the copy's build output, by file name. */
    Map<String, Path> launcherCaches() {
        Files.list(copy.resolve('lib/cli/target')).withCloseable { files ->
            files.filter { it.fileName.toString() ==~ /startup-.*\.(jsa|aot)/ }.toList().collectEntries { [(it.fileName.toString()): it] }
        }
    }

    /** The classes a start loaded from the start-up cache, from its -Xlog:class+load file. */
    static List<String> sharedClasses(Path log) {
        Files.readAllLines(log).findAll { it.contains('source: shared objects file') }.collect { it.replaceAll(/.*\] (\S+) source:.*/, '$1') }
    }

    static final String PREPARING = 'scafctl: preparing the start-up cache'

    /**
     * scripts/jbang running a script (its options, then its name) on the hello solution, with
     * JBang's user.home at the spec's own, where the headers put the start-up caches.
     */
    Map<String, Object> jbang(Map<String, String> env = [:], Object... optionsThenScript) {
        def cmd = [root.resolve('scripts/jbang').toString(), "-Duser.home=${jbangHome}".toString()] + optionsThenScript*.toString()
        sh(root, cmd + ['run', 'solution', '-f', 'examples/hello/solution.yaml'], jbangEnv + env)
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
        def first = sh(copy, ['./scafctl', 'run', 'solution', '-f', 'examples/hello/solution.yaml'], launcherEnv)

        then: 'it built with Maven and ran the solution'
        first.exit == 0
        first.err.contains('scafctl: building')
        first.out == expected

        and: 'it said that it prepared the start-up cache, on stderr, and made one for this JDK'
        first.err.contains(PREPARING)
        launcherCaches().size() == 1
    }

    def "the warm path starts java directly, without Maven, with the start-up cache"() {
        given: 'a log of where each class came from'
        def log = Files.createTempFile('class-load', '.log')

        when:
        def warm = sh(copy, ['./scafctl', '--version'], launcherEnv + [SCAFCTL_JAVA_OPTS: "-Xlog:class+load:file=${log}".toString()])

        then: 'nothing on stderr: no build, no cache to prepare'
        warm.exit == 0
        warm.err == ''
        warm.out.startsWith('scafctl 0.1.0')

        and: 'the CLI and picocli came from the class-data archive'
        sharedClasses(log).containsAll(['dev.scafctl.cli.Main', 'picocli.CommandLine'])
    }

    @Requires({ EntryPointsSpec.newerJdk() != null })
    def "on JDK 25 or later the launcher makes an AOT cache of its own and starts with it; the other JDK keeps its archive"() {
        given: 'the archive of the JDK that runs this spec, and a newer JDK'
        def before = launcherCaches()
        def (ownName, ownCache) = before.entrySet().first().with { [it.key, it.value] }
        def ownMadeAt = Files.getLastModifiedTime(ownCache)
        def newer = newerJdk()
        def aotLog = Files.createTempFile('aot', '.log'), classLog = Files.createTempFile('class-load', '.log')
        def ownLog = Files.createTempFile('class-load', '.log')
        def run = ['./scafctl', 'run', 'solution', '-f', 'examples/hello/solution.yaml']

        when: 'the newer JDK starts the CLI twice, the second time with its AOT and class logs'
        def first = sh(copy, run, launcherEnv + [JAVA_HOME: newer.toString()])
        def second = sh(copy, run, launcherEnv + [JAVA_HOME: newer.toString(),
                SCAFCTL_JAVA_OPTS: "-Xlog:aot:file=${aotLog} -Xlog:class+load:file=${classLog}".toString()])

        and: 'then the spec\'s own JDK again'
        def again = sh(copy, run, launcherEnv + [SCAFCTL_JAVA_OPTS: "-Xlog:class+load:file=${ownLog}".toString()])

        then: 'the first start prepared an AOT cache beside the other JDK\'s file, the second did not'
        [first, second, again].every { it.exit == 0 && it.out == expected }
        first.err.contains(PREPARING)
        def caches = launcherCaches()
        def aot = caches.keySet().find { it.endsWith('.aot') && it != ownName }
        aot != null
        caches.size() == 2
        second.err == ''

        and: 'the second start ran on that cache: the JVM opened it and took the CLI\'s classes from it'
        Files.readString(aotLog).contains("Opened AOT cache ${caches[aot]}")
        Files.readString(aotLog).contains('Using AOT-linked classes: true')
        sharedClasses(classLog).contains('dev.scafctl.cli.Main')

        and: 'the spec\'s own JDK found its archive as it left it and started with it'
        again.err == ''
        Files.getLastModifiedTime(ownCache) == ownMadeAt
        sharedClasses(ownLog).containsAll(['dev.scafctl.cli.Main', 'picocli.CommandLine'])
    }

    def "a changed source file makes the launcher rebuild"() {
        given: 'a source file newer than the last build'
        def source = copy.resolve('lib/cli/src/main/java/dev/scafctl/cli/Main.java')
        Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() + 5000))

        when:
        def r = sh(copy, ['./scafctl', '--version'], launcherEnv)

        then: 'it builds, and the new jars need a new start-up cache'
        r.exit == 0
        r.err.contains('scafctl: building')
        r.err.contains(PREPARING)
    }

    def "JBang from Maven Central runs scafctl.java and ./scafctl with the same output, each on a start-up cache it prepares once"() {
        given: 'the library in the local Maven repository that JBang reads is this build (mvn install)'
        def repo = System.getenv('JBANG_REPO') ?: Path.of(System.getProperty('user.home'), '.m2/repository').toString()
        def installed = Path.of(repo, 'dev/scafctl/scafctl-cli/0.1.0/scafctl-cli-0.1.0.jar')
        def built = root.resolve('lib/cli/target/scafctl-cli-0.1.0.jar')
        assert Files.exists(installed) && Digest.of(installed) == Digest.of(built):
                'the JBang path needs this build installed: run the suite with mvn install (scripts/test does)'
        def log = Files.createTempFile('class-load', '.log')

        when: 'each runs twice, scafctl.java the second time with a log of where each class came from'
        def viaScript = jbang('scafctl.java')
        def viaAlias = jbang('scafctl')
        def viaScriptAgain = jbang("-R-Xlog:class+load:file=${log}", 'scafctl.java')
        def viaAliasAgain = jbang('scafctl')

        then: 'the same output as ./scafctl'
        [viaScript, viaAlias, viaScriptAgain, viaAliasAgain].every { it.exit == 0 && it.out == expected }

        and: 'each prepared a cache of its own, named for the JDK, on its first start and not on the second'
        viaScript.err.contains(PREPARING)
        viaAlias.err.contains(PREPARING)
        !viaScriptAgain.err.contains(PREPARING)
        !viaAliasAgain.err.contains(PREPARING)
        def version = System.getProperty('java.vm.version')
        Files.isRegularFile(jbangHome.resolve(".cache/scafctl/jbang/scafctl.java-${version}.cds"))
        Files.isRegularFile(jbangHome.resolve(".cache/scafctl/jbang/scafctl-${version}.cds"))

        and: 'the second start took the CLI and picocli from it'
        sharedClasses(log).containsAll(['dev.scafctl.cli.Main', 'picocli.CommandLine'])
    }

    @Requires({ EntryPointsSpec.newerJdk() != null })
    def "JBang on JDK 25 or later starts scafctl.java on an AOT cache"() {
        given:
        def newer = newerJdk()
        def log = Files.createTempFile('aot', '.log')

        when: 'JBang runs on the newer JDK, and so starts the CLI on it, twice'
        def first = jbang([JAVA_HOME: newer.toString()], 'scafctl.java')
        def second = jbang([JAVA_HOME: newer.toString()], "-R-Xlog:aot:file=${log}", 'scafctl.java')

        then: 'the first start prepared the cache, the second ran on it'
        [first, second].every { it.exit == 0 && it.out == expected }
        first.err.contains(PREPARING)
        !second.err.contains(PREPARING)
        Files.readString(log).contains('Using AOT-linked classes: true')
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
