package dev.scafctl.cli

import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonSlurper
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

class RunSolutionCliSpec extends Specification {

    @Shared
    ScafctlProcess scafctl = ScafctlProcess.inTempHome()

    static Path example(String name) {
        ScafctlProcess.root().resolve("examples/${name}/solution.yaml")
    }

    def "example #name runs and prints #expected"() {
        when: 'the example runs with -o json'
        def r = scafctl.run(['run', 'solution', '-f', example(name).toString(), '-o', 'json'] + args)

        then: 'it succeeds and its values are as documented'
        r.exitCode == 0
        def values = new JsonSlurper().parseText(r.stdout)
        expected.every { k, v -> values[k] == v }

        where:
        name             | args                         || expected
        'hello'          | []                           || [name: 'world', greeting: 'Hello, world!']
        'hello'          | ['-r', 'name=Ada']           || [greeting: 'Hello, Ada!']
        'fallback'       | []                           || [port: 8080, debug: false, region: 'eu-west-1']
        'fallback'       | ['-r', 'port=9090', '-r', 'debug=true'] || [port: 9090, debug: true]
        'references'     | ['-r', 'env=prod']           || [replicas: 3, summary: 'shop in prod with 3 replica(s)']
        'exec-and-files' | []                           || [words: 3, team: 'platform on Linux']
    }

    def "every example under examples/ is covered by a test"() {
        given:
        def tested = ['hello', 'fallback', 'references', 'exec-and-files', 'plugins/echo']
        def found = []
        Files.walk(ScafctlProcess.root().resolve('examples')).withCloseable { s ->
            s.filter { it.fileName.toString() == 'solution.yaml' }.forEach {
                found << ScafctlProcess.root().resolve('examples').relativize(it.parent).toString()
            }
        }

        expect:
        tested.containsAll(found)
    }

    def "environment variables feed the env provider"() {
        when:
        def r = scafctl.run(['run', 'solution', '-f', example('fallback').toString(), '-o', 'json'], [APP_PORT: '7000'])

        then:
        r.exitCode == 0
        new JsonSlurper().parseText(r.stdout).port == 7000
    }

    def "-o #format prints #expected"() {
        when:
        def r = scafctl.run(['run', 'solution', '-f', example('hello').toString(), '-o', format])

        then:
        r.exitCode == 0
        r.stdout == expected

        where:
        format  || expected
        'yaml'  || 'name: world\ngreeting: "Hello, world!"\n'
        'table' || 'RESOLVER  VALUE\nname      world\ngreeting  Hello, world!\n'
        'json'  || '{\n  "name": "world",\n  "greeting": "Hello, world!"\n}\n'
    }

    def "--params-file supplies parameters and -r wins over it"() {
        given:
        def params = Files.createTempFile('params', '.yaml')
        Files.writeString(params, 'name: File\n')

        expect:
        scafctl.run('run', 'solution', '-f', example('hello').toString(), '--params-file', params.toString(),
                '-o', 'json').stdout.contains('"greeting": "Hello, File!"')
        scafctl.run('run', 'solution', '-f', example('hello').toString(), '--params-file', params.toString(),
                '-r', 'name=Flag', '-o', 'json').stdout.contains('"greeting": "Hello, Flag!"')
    }

    def "a --params-file that does not exist is invalid input that says it was not found"() {
        when:
        def r = scafctl.run('run', 'solution', '-f', example('hello').toString(), '--params-file', 'no-such-params.yaml')

        then:
        r.exitCode == 2
        r.stderr.contains('--params-file no-such-params.yaml not found')
        r.stderr.contains('Next: check the path')
    }

    def "#problem exits #code with a message and a next step, without a stack trace"() {
        given:
        def file = Files.createTempFile('sol', '.yaml')
        Files.writeString(file, yaml)

        when:
        def r = scafctl.run(['run', 'solution', '-f', file.toString()] + extra)

        then:
        r.exitCode == code
        r.stderr.contains(message)
        r.stderr.contains('Next: ')
        !r.stderr.contains('\tat ')
        r.stdout.isEmpty()

        where:
        problem            | yaml                                                                                             | extra                        || code | message
        'bad YAML'         | 'a: [b'                                                                                          | []                           || 2    | 'invalid YAML'
        'unknown provider' | HEAD + 'spec: {resolvers: {a: {resolve: {with: [{provider: aws}]}}}}'                            | []                           || 2    | "unknown provider 'aws'"
        'unknown rslvr'    | HEAD + 'spec: {resolvers: {a: {resolve: {with: [{provider: static, inputs: {value: {rslvr: x}}}]}}}}' | []                  || 2    | "unknown resolver 'x'"
        'a cycle'          | HEAD + 'spec: {resolvers: {a: {dependsOn: [a], resolve: {with: [{provider: static}]}}}}'         | []                           || 2    | 'a -> a'
        'bad -r'           | HEAD + 'spec: {resolvers: {}}'                                                                   | ['-r', 'novalue']            || 2    | "invalid -r/--resolver 'novalue'"
        'bad -o'           | HEAD + 'spec: {resolvers: {}}'                                                                   | ['-o', 'xml']                || 2    | 'Invalid value for option'
        'bad concurrency'  | HEAD + 'spec: {resolvers: {}}'                                                                   | ['--max-concurrency', '0']   || 2    | 'invalid --max-concurrency 0'
        'exec failure'     | HEAD + 'spec: {resolvers: {a: {resolve: {with: [{provider: exec, inputs: {command: "echo oops >&2; exit 3"}}]}}}}' | [] || 1 | "exited with code 3; stderr: oops"
        'coercion'         | HEAD + 'spec: {resolvers: {a: {type: int, resolve: {with: [{provider: static, inputs: {value: abc}}]}}}}' | []      || 1    | 'cannot be converted to type int'
    }

    def "a missing solution file is invalid input naming the path"() {
        when:
        def r = scafctl.run('run', 'solution', '-f', '/nonexistent/solution.yaml')

        then:
        r.exitCode == 2
        r.stderr.contains('solution file not found: /nonexistent/solution.yaml')
    }

    def "--verbose shows the stack trace of a failure"() {
        given:
        def file = Files.createTempFile('sol', '.yaml')
        Files.writeString(file, HEAD + 'spec: {resolvers: {a: {resolve: {with: [{provider: exec, inputs: {command: "exit 4"}}]}}}}')

        when:
        def r = scafctl.run('run', 'solution', '-f', file.toString(), '-v')

        then:
        r.exitCode == 1
        r.stderr.contains('\tat dev.scafctl.')
    }

    def "run provider calls one built-in provider"() {
        expect:
        scafctl.run('run', 'provider', 'static', 'value=hi').stdout == 'hi\n'
        scafctl.run('run', 'provider', 'exec', '--input', 'command=echo $((6*7))', '-o', 'json').stdout.trim() == '"42"'
        scafctl.run('run', 'provider', 'nope').exitCode == 2
    }

    def "--help and --version work on every level"() {
        expect:
        scafctl.run(args).with { exitCode == 0 && stdout.contains(text) }

        where:
        args                          || text
        ['--help']                    || 'Usage: scafctl'
        ['--version']                 || 'scafctl 0.1.0'
        ['run', '--help']             || 'Usage: scafctl run'
        ['run', 'solution', '--help'] || '--max-concurrency'
        ['run', 'resolver', '--help'] || '--resolver=KEY=VALUE'
        ['run', 'provider', '--help'] || '--input'
        ['config', '--help']          || 'Usage: scafctl config'
    }

    static final String HEAD = 'apiVersion: scafctl.io/v1\nkind: Solution\nmetadata: {name: s}\n'
}
