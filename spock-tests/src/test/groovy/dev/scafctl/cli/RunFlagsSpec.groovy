package dev.scafctl.cli

import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonSlurper
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Unroll

import java.nio.file.Files
import java.nio.file.Path

/**
 * The flags and words of {@code run solution}, {@code run resolver} and {@code run provider} mean
 * what they mean in the Go scafctl (oakwood-commons/scafctl, pkg/cmd/scafctl/run/): the command
 * lines below are the examples of its help texts, in solution.go, resolver.go and provider.go,
 * with our example solutions; the parameter forms are those of pkg/flags/params.go; the
 * discovery order is pkg/settings/settings.go's RootSolutionFolders x SolutionFileNames.
 */
class RunFlagsSpec extends Specification {

    @Shared
    ScafctlProcess scafctl = ScafctlProcess.inTempHome()

    @Shared
    Path work = Files.createTempDirectory('run-flags')

    static String example(String name) {
        ScafctlProcess.root().resolve("examples/${name}/solution.yaml").toString()
    }

    def setupSpec() {
        Files.writeString(work.resolve('params.yaml'), 'name: FromFile\n')
        Files.writeString(work.resolve('params.json'), '{"env": "prod"}')
        Files.writeString(work.resolve('content.txt'), 'Raw\n')
        Files.writeString(work.resolve('inputs.yaml'), 'value: from-inputs\n')
    }

    def cleanupSpec() {
        scafctl.home.toFile().deleteDir()
        work.toFile().deleteDir()
    }

    @Unroll
    def "the Go command line `#line` (#source) gives #expected"() {
        given: 'the Go help text\'s example, with our example solutions and files'
        List<String> args = line.replace('HELLO', example('hello')).replace('REFS', example('references')).split(' ') as List
        scafctl.input = stdin

        when:
        def r = scafctl.run(args, [:], work)

        then: 'it succeeds with the values Go would give'
        r.exitCode == 0
        new JsonSlurper().parseText(r.stdout) == expected

        cleanup:
        scafctl.input = null

        where:
        source        | line                                                        | stdin              || expected
        'solution.go' | 'run solution -f HELLO -r name=Ada -o json'                  | null               || [name: 'Ada', greeting: 'Hello, Ada!']
        'solution.go' | 'run solution -f HELLO -r @params.yaml -o json'             | null               || [name: 'FromFile', greeting: 'Hello, FromFile!']
        'solution.go' | 'run solution -f HELLO -r @- -o json'                       | '{"name": "Pipe"}' || [name: 'Pipe', greeting: 'Hello, Pipe!']
        'solution.go' | 'run solution -f HELLO -r name=@- -o json'                  | 'Echoed\n'         || [name: 'Echoed', greeting: 'Hello, Echoed!']
        'solution.go' | 'run solution -f HELLO -r name=@content.txt -o json'        | null               || [name: 'Raw', greeting: 'Hello, Raw!']
        'resolver.go' | 'run resolver -f HELLO name=Ada -o json'                    | null               || [name: 'Ada', greeting: 'Hello, Ada!']
        'resolver.go' | 'run resolver -f HELLO @params.yaml -o json'                | null               || [name: 'FromFile', greeting: 'Hello, FromFile!']
        'resolver.go' | 'run resolver -f HELLO name=@- -o json'                     | 'Echoed\n'         || [name: 'Echoed', greeting: 'Hello, Echoed!']
        'resolver.go' | 'run resolver replicas -f REFS -r env=prod -o json'         | null               || [env: 'prod', replicas: 3]
        'resolver.go' | 'run resolver env replicas -f REFS @params.json -o json'    | null               || [env: 'prod', replicas: 3]
        'resolver.go' | 'run resolver app env -f REFS -r env=prod app=web -o json'  | null               || [app: 'web', env: 'prod']
        'provider.go' | 'run provider static value=hello -o json'                   | null               || 'hello'
        'provider.go' | 'run provider static --input value=hello -o json'           | null               || 'hello'
        'provider.go' | 'run provider static --input @inputs.yaml -o json'          | null               || 'from-inputs'
        'provider.go' | 'run provider static @inputs.yaml -o json'                  | null               || 'from-inputs'
    }

    @Unroll
    def "the words #words give the value #expected, as Go's ParseKeyValueCSV and MergeValue (pkg/flags) give it"() {
        when:
        def r = scafctl.run(['run', 'provider', 'static'] + words + ['-o', 'json'])

        then:
        r.exitCode == 0
        new JsonSlurper().parseText(r.stdout) == expected

        where:
        words                                 || expected
        ['value=a,b']                         || ['a', 'b']
        ['value=a,value=b']                   || ['a', 'b']
        ['value=a', '--input', 'value=b']     || ['b', 'a']
        ["value='a, b'"]                      || 'a, b'
        ['value="say \\"hi\\", x"']          || 'say "hi", x'
        ['value=https://x.example/?a=1,b']    || 'https://x.example/?a=1,b'
        ['value=a=b']                         || 'a=b'
    }

    @Unroll
    def "#what exits 2 and says #message"() {
        when:
        def r = scafctl.run(args.collect { it.replace('HELLO', example('hello')) }, [:], work)

        then: 'invalid input, the flag and value named, and the next step given'
        r.exitCode == 2
        r.stderr.contains(message)
        r.stderr.contains(next)
        r.stdout.isEmpty()

        where:
        what                                  | args                                                         || message                                         | next
        'our old --resolver NAME'             | ['run', 'solution', '-f', 'HELLO', '--resolver', 'greeting'] || "invalid -r/--resolver 'greeting'"               | "run 'scafctl run resolver greeting -f FILE'"
        'our old run provider -i KEY=VALUE'   | ['run', 'provider', 'static', '-i', 'value=hi']              || '-i/--interactive'                               | 'give inputs as key=value words or --input key=value'
        'run solution with a key=value word'  | ['run', 'solution', '-f', 'HELLO', 'name=Ada']               || "not as 'name=Ada'"                              | 'write -r name=Ada'
        'a local file as the positional word' | ['run', 'solution', './solution.yaml']                       || "'./solution.yaml' is a local file"              | "'scafctl run solution -f ./solution.yaml'"
        'with -f, bare words are resolvers'   | ['run', 'resolver', 'hello@1.0.0', '-f', 'HELLO']            || "no resolver named 'hello@1.0.0'"                | 'use one of: name, greeting'
        'an unknown resolver'                 | ['run', 'resolver', 'nope', '-f', 'HELLO']                   || "no resolver named 'nope'"                       | 'use one of: name, greeting'
        'a missing @file'                     | ['run', 'solution', '-f', 'HELLO', '-r', '@nope.yaml']       || '-r/--resolver file nope.yaml not found'         | 'check the path'
        'a bare word after the provider'      | ['run', 'provider', 'static', 'hello']                       || "unexpected word 'hello' after the provider"     | 'static hello=VALUE'
        '-i on run solution'                  | ['run', 'solution', '-f', 'HELLO', '-i']                     || '-i/--interactive'                               | '-o table, -o json or -o yaml'
    }

    @Unroll
    def "with no -f and no solution named, #present in the working directory gives #chosen"() {
        given: 'a directory holding these solution files, each saying its own path'
        Path dir = Files.createTempDirectory('discover')
        present.each { String p ->
            Path f = Files.createDirectories(dir.resolve(p).parent).resolve(dir.resolve(p).fileName)
            Files.writeString(f, p.endsWith('.json')
                    ? """{"apiVersion": "scafctl.io/v1", "kind": "Solution", "metadata": {"name": "d"},
                         "spec": {"resolvers": {"file": {"resolve": {"with": [{"provider": "static", "inputs": {"value": "${p}"}}]}}}}}"""
                    : "apiVersion: scafctl.io/v1\nkind: Solution\nmetadata: {name: d}\n" +
                      "spec: {resolvers: {file: {resolve: {with: [{provider: static, inputs: {value: '${p}'}}]}}}}\n")
        }

        when: 'run solution and run resolver (whose first word is a parameter, so no solution) start there'
        def solution = scafctl.run(['run', 'solution', '-o', 'json'], [:], dir)
        def resolver = scafctl.run(['run', 'resolver', 'unused=1', '-o', 'json'], [:], dir)

        then: 'both find the file the Go scafctl would find'
        new JsonSlurper().parseText(solution.stdout) == [file: chosen]
        new JsonSlurper().parseText(resolver.stdout) == [file: chosen]

        cleanup:
        dir.toFile().deleteDir()

        where:
        present                                                || chosen
        ['solution.yaml']                                      || 'solution.yaml'
        ['scafctl.yaml', 'solution.yml']                       || 'solution.yml'
        ['scafctl.yml', 'solution.json']                       || 'scafctl.yml'
        ['scafctl.json']                                       || 'scafctl.json'
        ['solution.yaml', '.scafctl/scafctl.json']             || '.scafctl/scafctl.json'
        ['.scafctl/solution.yaml', 'scafctl/scafctl.json']     || 'scafctl/scafctl.json'
    }

    def "with no solution anywhere, the message lists where it looked and how to name one"() {
        given:
        Path empty = Files.createTempDirectory('empty')

        when:
        def r = scafctl.run(['run', 'solution'], [:], empty)

        then:
        r.exitCode == 2
        r.stderr.contains("no solution given, and none in ${empty.toRealPath()}") || r.stderr.contains("no solution given, and none in ${empty}")
        r.stderr.contains('scafctl/solution.yaml, scafctl/solution.yml')
        r.stderr.contains("Next: pass '-f FILE' or 'NAME[@VERSION]'")

        cleanup:
        empty.toFile().deleteDir()
    }

    def "a positional NAME@VERSION or NAME runs a solution of the local catalog, NAME its highest version"() {
        given: 'hello built as 1.0.0 and 1.2.0'
        Path older = work.resolve('older.yaml')
        Files.writeString(older, Files.readString(Path.of(example('hello'))).replace('Hello, ', 'Hi, '))
        assert scafctl.run('build', 'solution', '-f', older.toString(), '--version', '1.0.0').exitCode == 0
        assert scafctl.run('build', 'solution', '-f', example('hello'), '--version', '1.2.0').exitCode == 0

        expect: 'the Go forms pick the version named, or the highest'
        new JsonSlurper().parseText(scafctl.run('run', 'solution', 'hello@1.0.0', '-r', 'name=Old', '-o', 'json').stdout).greeting == 'Hi, Old!'
        new JsonSlurper().parseText(scafctl.run('run', 'solution', 'hello', '-r', 'name=New', '-o', 'json').stdout).greeting == 'Hello, New!'
        new JsonSlurper().parseText(scafctl.run('run', 'resolver', 'hello@1.0.0', 'greeting', 'name=R', '-o', 'json').stdout) ==
                [name: 'R', greeting: 'Hi, R!']
    }
}
