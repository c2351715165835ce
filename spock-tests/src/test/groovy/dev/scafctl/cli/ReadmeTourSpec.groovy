package dev.scafctl.cli

import dev.scafctl.support.ScafctlProcess
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files

/** Every command of the README's CLI tour runs as printed, from the repository's root, and succeeds. */
class ReadmeTourSpec extends Specification {
    @Shared ScafctlProcess user = ScafctlProcess.inTempHome()

    def cleanupSpec() {
        user.home.toFile().deleteDir()
    }

    /** The lines of the first sh block under "## CLI tour", without their comments. */
    static List<String> tour() {
        List<String> lines = Files.readAllLines(ScafctlProcess.root().resolve('README.md'))
        int start = lines.indexOf('## CLI tour')
        assert start >= 0: 'README.md has a CLI tour'
        int open = (start..<lines.size()).find { lines[it] == '```sh' }
        int close = ((open + 1)..<lines.size()).find { lines[it] == '```' }
        lines.subList(open + 1, close).collect { it.replaceAll(/\s+#\s.*$/, '').trim() }.findAll { it }
    }

    def "the tour's '#line' succeeds"() {
        when: 'bash runs it from the root, with ./scafctl standing for this build'
        def script = line.replace('./scafctl', 'scafctl')
        def javaBin = System.getProperty('java.home') + '/bin/java'
        def pb = new ProcessBuilder('bash', '-c', """scafctl() { '${javaBin}' -XX:TieredStopAtLevel=1 -cp '${System.getProperty('java.class.path')}' dev.scafctl.cli.Main "\$@"; }
set -e -o pipefail
${script}""").directory(ScafctlProcess.root().toFile()).redirectErrorStream(true)
        pb.environment().putAll(user.env)
        def p = pb.start()
        def out = p.inputStream.text
        p.waitFor()

        then:
        p.exitValue() == 0
        !out.contains('Error:')

        where:
        line << tour()
    }

    def "the tour covers the commands a newcomer meets first"() {
        expect:
        tour().any { it.contains('run solution') } && tour().any { it.contains('run resolver') } && tour().any { it.contains('-r @') }
    }
}
