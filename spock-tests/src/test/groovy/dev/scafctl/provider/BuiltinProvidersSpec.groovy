package dev.scafctl.provider

import dev.scafctl.error.InvalidInputException
import dev.scafctl.provider.builtin.BuiltinProviders
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

class BuiltinProvidersSpec extends Specification {

    @TempDir
    Path dir

    def registry = BuiltinProviders.registry()

    def call(String name, Map inputs, Map params = [:]) {
        registry.find(name).get().execute(inputs,
                new ProviderContext(params, null, dir, 'r', [:], null)).data()
    }

    def "the built-in providers are static, parameter, env, file, exec and cel"() {
        expect:
        registry.names() == ['cel', 'env', 'exec', 'file', 'parameter', 'static']
    }

    def "#name with #inputs gives #expected"() {
        expect:
        call(name, inputs, [p: 'from-param']) == expected

        where:
        name        | inputs                                   || expected
        'static'    | [value: [a: 1L]]                         || [a: 1L]
        'static'    | [:]                                      || null
        'parameter' | [key: 'p']                               || 'from-param'
        'parameter' | [key: 'absent']                          || null
        'env'       | [name: 'PATH']                           || System.getenv('PATH')
        'env'       | [name: 'SCAFCTL_UNSET_VAR', default: 'd'] || 'd'
        'env'       | [name: 'SCAFCTL_UNSET_VAR']              || null
        'exec'      | [command: 'printf "a\\nb\\n"']           || 'a\nb'
        'exec'      | [command: 'echo', args: ['$HOME', 'x']]  || '$HOME x'
        'exec'      | [command: 'echo $V', env: [V: 'set']]    || 'set'
    }

    def "exec runs in the solution's directory"() {
        expect:
        call('exec', [command: 'pwd']) == dir.toRealPath().toString()
    }

    def "file reads text, JSON and YAML relative to the solution's directory"() {
        given:
        Files.writeString(dir.resolve('f.txt'), 'plain\n')
        Files.writeString(dir.resolve('f.json'), '{"a": [1, 2.5]}')
        Files.writeString(dir.resolve('f.yaml'), 'a: {b: true}')

        expect:
        call('file', [path: 'f.txt']) == 'plain\n'
        call('file', [path: 'f.json', parse: 'json']) == [a: [1L, 2.5d]]
        call('file', [path: 'f.yaml', parse: 'yaml']) == [a: [b: true]]
    }

    def "#name fails with #message"() {
        when:
        call(name, inputs)

        then:
        def e = thrown(expectedType)
        e.message.contains(message)

        where:
        name   | inputs                                   || expectedType          | message
        'file' | [path: 'missing.txt']                    || ProviderException     | 'file not found'
        'file' | [path: 'x', parse: 'toml']               || InvalidInputException | "unknown value 'toml'"
        'exec' | [command: 'sleep 5', timeout: '200ms']   || ProviderException     | 'did not finish within'
        'exec' | [command: 'echo bad >&2; exit 7']        || ProviderException     | "exited with code 7; stderr: bad"
        'exec' | [command: '/no/such/program', args: []]  || ProviderException     | "cannot start '/no/such/program'"
        'exec' | [command: 'true', timeout: 'soon']       || InvalidInputException | "invalid duration 'soon'"
        'env'  | [nme: 'X']                               || InvalidInputException | "input 'nme': unknown input"
        'cel'  | [:]                                      || InvalidInputException | "input 'expression': required input is missing"
    }
}
