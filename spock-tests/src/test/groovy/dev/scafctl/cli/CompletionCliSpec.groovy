package dev.scafctl.cli

import dev.scafctl.support.ScafctlProcess
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** {@code scafctl completion}: the script it prints completes the real command tree in a real bash. */
class CompletionCliSpec extends Specification {
    @Shared ScafctlProcess scafctl = ScafctlProcess.inTempHome()
    @Shared Path script

    def setupSpec() {
        def r = scafctl.run('completion', 'bash')
        assert r.exitCode == 0: r.toString()
        script = Files.writeString(scafctl.home.resolve('scafctl.bash'), r.stdout)
    }

    def cleanupSpec() {
        scafctl.home.toFile().deleteDir()
    }

    def "bash completes '#line' with #expected"() {
        given: 'a bash that sourced the script, asked to complete the last word of the line'
        List<String> words = line.split(' ', -1) as List
        String array = words.collect { "'${it}'" }.join(' ')
        String probe = """source '${script}'
COMP_WORDS=(${array}); COMP_CWORD=${words.size() - 1}; COMP_LINE='${line}'; COMP_POINT=${line.length()}
_complete_scafctl
printf '%s\\n' "\${COMPREPLY[@]}"
"""

        when:
        def p = new ProcessBuilder('bash', '-c', probe).redirectErrorStream(true).start()
        def out = p.inputStream.text
        p.waitFor()

        then:
        (out.readLines().findAll { it } as Set).containsAll(expected)

        where:
        line                         || expected
        'scafctl pl'                 || ['plugins']
        'scafctl plugins '           || ['install', 'list']
        'scafctl catalog p'          || ['pull', 'push']
        'scafctl run solution --par' || ['--params-file']
    }

    def "zsh uses the same script: it sets itself up with bashcompinit"() {
        when:
        def r = scafctl.run('completion', 'zsh')

        then:
        r.exitCode == 0
        r.stdout.contains('ZSH_VERSION')
        r.stdout.contains('bashcompinit')
    }

    def "an unknown shell is invalid input"() {
        when:
        def r = scafctl.run('completion', 'fish')

        then:
        r.exitCode == 2
        r.stderr.contains("unknown shell 'fish'")
        r.stderr.contains("scafctl completion bash")
    }
}
