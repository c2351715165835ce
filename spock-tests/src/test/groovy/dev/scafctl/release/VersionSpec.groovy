package dev.scafctl.release

import dev.scafctl.support.ScafctlProcess
import groovy.xml.XmlSlurper
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * The version lives in the root pom's revision property; JBang reads //DEPS lines without Maven,
 * so those name it too, and scripts/set-version changes all of them at once.
 */
class VersionSpec extends Specification {

    @Shared Path root = ScafctlProcess.root()
    @Shared String version = new XmlSlurper().parse(root.resolve('pom.xml').toFile()).properties.revision.text()

    static List<Path> depsFiles(Path base) {
        [base.resolve('scafctl'), base.resolve('scafctl.java')] +
                Files.list(base.resolve('scripts')).withCloseable { s -> s.filter { it.toString().endsWith('.groovy') }.sorted().toList() }
    }

    static List<String> ourDeps(Path file) {
        Files.readAllLines(file).findAll { it.startsWith('//DEPS dev.scafctl:') }
    }

    def "every module takes its version from the root pom"() {
        expect:
        new XmlSlurper().parse(root.resolve(pom).toFile()).parent.version.text() == '${revision}'

        where:
        pom << ['proto/pom.xml', 'lib/core/pom.xml', 'lib/plugin-sdk/pom.xml', 'dsl/pom.xml', 'lib/cli/pom.xml',
                'examples/plugins/echo/pom.xml', 'spock-tests/pom.xml']
    }

    def "every //DEPS line of ours names the root pom's version, and the CLI reports it"() {
        expect:
        version ==~ /\d+\.\d+\.\d+.*/
        depsFiles(root).every { f -> ourDeps(f).every { it.endsWith(":${version}") } }
        depsFiles(root).count { !ourDeps(it).isEmpty() } >= 3
        ScafctlProcess.inTempHome().run(['--version']).stdout.startsWith("scafctl ${version}")
    }

    def "scripts/set-version changes the pom and every //DEPS line together"() {
        given: 'a copy of the files it edits'
        def copy = copyOfVersionedFiles()

        when:
        def r = sh(copy, ['scripts/set-version', '2.3.4-rc.1'])

        then:
        r.exit == 0
        new XmlSlurper().parse(copy.resolve('pom.xml').toFile()).properties.revision.text() == '2.3.4-rc.1'
        depsFiles(copy).every { f -> ourDeps(f).every { it.endsWith(':2.3.4-rc.1') } }
        depsFiles(copy).sum { ourDeps(it).size() } == depsFiles(root).sum { ourDeps(it).size() }

        cleanup:
        copy.toFile().deleteDir()
    }

    def "scripts/set-version refuses what is not a semantic version and changes nothing"() {
        given:
        def copy = copyOfVersionedFiles()
        def before = Files.readString(copy.resolve('pom.xml'))

        when:
        def r = sh(copy, ['scripts/set-version', bad])

        then:
        r.exit == 2
        r.err.contains("'${bad}' is not a semantic version")
        Files.readString(copy.resolve('pom.xml')) == before

        cleanup:
        copy.toFile().deleteDir()

        where:
        bad << ['1.2', 'v1.2.3', '1.2.3-SNAPSHOT;rm', '01.2.3']
    }

    Path copyOfVersionedFiles() {
        def copy = Files.createTempDirectory('set-version')
        Files.createDirectories(copy.resolve('scripts'))
        (['pom.xml', 'scripts/set-version'] + depsFiles(root).collect { root.relativize(it).toString() }).each {
            Files.copy(root.resolve(it), copy.resolve(it))
        }
        copy
    }

    static Map<String, Object> sh(Path dir, List<String> cmd) {
        def p = new ProcessBuilder(cmd).directory(dir.toFile()).start()
        p.outputStream.close()
        def out = p.inputStream.text, err = p.errorStream.text
        p.waitFor()
        [exit: p.exitValue(), out: out, err: err]
    }
}
