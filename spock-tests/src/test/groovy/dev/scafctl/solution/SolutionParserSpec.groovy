package dev.scafctl.solution

import dev.scafctl.catalog.ArtifactKind
import dev.scafctl.error.InvalidInputException
import spock.lang.Specification
import spock.lang.Unroll

import java.nio.file.Files

class SolutionParserSpec extends Specification {

    static final String HEAD = 'apiVersion: scafctl.io/v1\nkind: Solution\nmetadata: {name: s}\n'

    def "parses metadata, bundle.plugins and resolvers"() {
        when:
        def s = new SolutionParser().parse('''
apiVersion: scafctl.io/v1
kind: Solution
metadata:
  name: demo
  version: 1.2.0
  displayName: Demo
  description: d
  category: c
  tags: [a, b]
bundle:
  plugins:
    - {name: aws-provider, kind: provider, version: "^1.5.0"}
    - {name: sso, kind: auth-handler, version: "1.2.3"}
spec:
  resolvers:
    x:
      description: first
      type: integer
      dependsOn: [y]
      resolve:
        with:
          - provider: static
            inputs: {value: {rslvr: y}, other: {expr: "_.y"}}
    y:
      resolve: {with: [{provider: static, inputs: {value: 1}}]}
''', null)

        then:
        s.metadata() == new SolutionMetadata('demo', '1.2.0', 'Demo', 'd', 'c', ['a', 'b'])
        s.plugins() == [new PluginRequirement('aws-provider', ArtifactKind.PROVIDER, '^1.5.0'),
                        new PluginRequirement('sso', ArtifactKind.AUTH_HANDLER, '1.2.3')]
        s.resolvers().keySet() as List == ['x', 'y']
        with(s.resolvers().x) {
            type() == ValueType.INT
            dependsOn() == ['y']
            sources()[0].inputs() == [value: new ValueRef.Resolver('y'), other: new ValueRef.Expr('_.y')]
        }
    }

    def "YAML syntax errors name the file, line and column"() {
        given:
        def file = Files.createTempFile('broken', '.yaml')
        Files.writeString(file, HEAD + 'spec:\n  resolvers:\n    a: [unclosed\n')

        when:
        new SolutionParser().parse(file)

        then:
        def e = thrown(InvalidInputException)
        e.message.startsWith("${file}:6:")
        e.message.contains('invalid YAML')
        e.nextStep().contains('line and column')
    }

    def "#problem is rejected naming #where"() {
        when:
        new SolutionParser().parse(yaml, null)

        then:
        def e = thrown(InvalidInputException)
        e.message.contains(where)
        e.message.contains(detail)

        where:
        problem              | yaml                                                                                           || where                               | detail
        'wrong apiVersion'   | 'apiVersion: v2\nkind: Solution\nmetadata: {name: s}\nspec: {resolvers: {}}'                   || 'apiVersion'                        | "expected scafctl.io/v1"
        'wrong kind'         | 'apiVersion: scafctl.io/v1\nkind: Thing\nmetadata: {name: s}\nspec: {resolvers: {}}'           || 'kind'                              | 'expected Solution'
        'missing name'       | 'apiVersion: scafctl.io/v1\nkind: Solution\nmetadata: {}\nspec: {resolvers: {}}'               || 'metadata.name'                     | 'required'
        'unknown top key'    | HEAD + 'spce: {}'                                                                              || 'spce'                              | "unknown key 'spce'"
        'no resolvers'       | HEAD + 'spec: {}'                                                                              || 'spec.resolvers'                    | 'missing'
        'empty with'         | HEAD + 'spec: {resolvers: {a: {resolve: {with: []}}}}'                                         || 'spec.resolvers.a.resolve.with'     | 'non-empty list'
        'unknown type'       | HEAD + 'spec: {resolvers: {a: {type: text, resolve: {with: [{provider: static}]}}}}'           || 'spec.resolvers.a.type'             | "unknown type 'text'"
        'typo in resolver'   | HEAD + 'spec: {resolvers: {a: {resolv: {}}}}'                                                  || 'spec.resolvers.a.resolv'           | "unknown key 'resolv'"
        'bad resolver name'  | HEAD + 'spec: {resolvers: {"1a": {resolve: {with: [{provider: static}]}}}}'                    || 'spec.resolvers.1a'                 | 'invalid resolver name'
        'missing provider'   | HEAD + 'spec: {resolvers: {a: {resolve: {with: [{inputs: {}}]}}}}'                             || 'resolve.with[0].provider'          | 'required'
        'empty rslvr'        | HEAD + 'spec: {resolvers: {a: {resolve: {with: [{provider: static, inputs: {v: {rslvr: ""}}}]}}}}' || 'inputs.v.rslvr'               | 'non-empty string'
        'bad plugin kind'    | HEAD + 'bundle: {plugins: [{name: p, kind: driver, version: 1.0.0}]}\nspec: {resolvers: {}}'   || 'bundle.plugins[0].kind'            | "unknown plugin kind 'driver'"
        'bad constraint'     | HEAD + 'bundle: {plugins: [{name: p, kind: provider, version: "^^1"}]}\nspec: {resolvers: {}}' || 'bundle.plugins[0].version'         | "invalid version constraint '^^1'"
        'bad plugin name'    | HEAD + 'bundle: {plugins: [{name: ../p, kind: provider, version: 1.0.0}]}\nspec: {resolvers: {}}' || 'bundle.plugins[0].name'          | 'invalid plugin name'
        'duplicate plugin'   | HEAD + 'bundle: {plugins: [{name: p, kind: provider, version: 1.0.0}, {name: p, kind: provider, version: 2.0.0}]}\nspec: {resolvers: {}}' || 'bundle.plugins[1]' | 'declared twice'
        'duplicate key'      | HEAD + 'spec: {resolvers: {a: {resolve: {with: [{provider: static}]}}, a: {}}}'                || 'solution'                          | 'Duplicate'
    }

    def "hostile YAML is refused, not expanded: #what"() {
        when:
        new SolutionParser().parse(yaml, null)

        then:
        def e = thrown(InvalidInputException)
        e.message.contains(message)

        where:
        what                       | yaml                                                                                    || message
        'alias bomb'               | 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n' || 'solution:6:5: refused: its aliases stand for more than 100000 values'
        'deep nesting'             | '[' * 500 + ']' * 500                                                                   || 'nesting depth (65) exceeds the maximum allowed (64'
        'deep nesting by aliases'  | 'a: &a ' + '[' * 60 + ']' * 60 + '\nb: [[[[[[[[*a]]]]]]]]\n'                               || 'refused: its aliases nest values 65 deep, more than the 64'
        'huge scalar'              | HEAD + 'spec: {resolvers: {a: {description: "' + 'x' * (9 << 20) + '", resolve: {with: [{provider: static}]}}}}' || 'more than the 8388608 a document may have'
        'a 2 Mi character line'    | HEAD + 'spec: {resolvers: {a: {description: "' + 'x ' * (1 << 20) + '", resolve: {with: [{provider: static}]}}}}' || 'solution:4: refused: a line of 2097232 characters, more than the 1048576 a YAML line may have'
        'an alias of no anchor'    | HEAD + 'spec: {resolvers: {a: {description: *nothing}}}'                                 || 'solution:4:37: alias *nothing names no anchor defined before it'
        'an anchor that holds itself' | HEAD + 'spec: &s {resolvers: *s}'                                                     || 'alias *s names no anchor defined before it'
        'a merge of a scalar'      | HEAD + 'spec: {<<: 5, resolvers: {}}'                                                     || 'solution:4:8: invalid YAML: a merge key (<<) takes a mapping or a list of mappings'
    }

    @Unroll
    def "#what in a solution resolves like gopkg.in/yaml.v3 reads it"() {
        when: 'a solution whose static value is written with #what'
        def s = new SolutionParser().parse(HEAD + 'spec: {resolvers: {r: {resolve: {with: [{provider: static, inputs: {value: ' + value + '}}]}}}}', null)

        then: 'the value is what the Go scafctl would see'
        s.resolvers().r.sources()[0].inputs().value == expected

        where:
        what                                  | value                                        || expected
        'an alias of a scalar'                | '[&v x, *v]'                                 || ['x', 'x']
        'an alias of a mapping'               | '[&m {k: v}, *m]'                            || [[k: 'v'], [k: 'v']]
        'a merge key'                         | '{<<: {a: 1, b: 2}, b: 3}'                   || [a: 1, b: 3]
        'a merge key after the explicit key'  | '{b: 3, <<: {a: 1, b: 2}}'                   || [b: 3, a: 1]
        'a merge of a list, the first winning' | '{<<: [{a: 1}, {a: 2, c: 3}]}'              || [a: 1, c: 3]
        'a quoted "<<", an ordinary key'      | '{"<<": {a: 1}}'                             || ['<<': [a: 1]]
        'a !!merge tag'                       | '{!!merge "<<": {a: 1}}'                     || [a: 1]
        'YAML 1.1 boolean words'              | '[yes, no, on, off, y, true, False]'         || ['yes', 'no', 'on', 'off', 'y', true, false]
        'numbers'                             | '[1, -2, 1_000, 0x1f, 1.5, 9223372036854775807]' || [1L, -2L, 1000L, 31L, 1.5d, Long.MAX_VALUE]
    }
}
