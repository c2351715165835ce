package dev.scafctl.solution

import dev.scafctl.catalog.ArtifactKind
import dev.scafctl.error.InvalidInputException
import spock.lang.Specification

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
        thrown(InvalidInputException)

        where:
        what           | yaml
        'alias bomb'   | 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n'
        'deep nesting' | '[' * 500 + ']' * 500
        'huge scalar'  | HEAD + 'spec: {resolvers: {a: {description: "' + 'x' * (9 << 20) + '", resolve: {with: [{provider: static}]}}}}'
    }
}
