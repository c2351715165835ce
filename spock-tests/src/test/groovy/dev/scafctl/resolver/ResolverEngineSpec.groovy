package dev.scafctl.resolver

import dev.scafctl.error.InvalidInputException
import dev.scafctl.error.ScafctlException
import dev.scafctl.solution.SolutionParser
import dev.scafctl.support.TestProviders
import spock.lang.Specification

import java.util.concurrent.CyclicBarrier
import java.util.concurrent.TimeUnit

class ResolverEngineSpec extends Specification {

    def providers = new TestProviders()

    static solution(String resolvers) {
        new SolutionParser().parse("""
apiVersion: scafctl.io/v1
kind: Solution
metadata: {name: t}
spec:
  resolvers:
${resolvers.stripIndent().readLines().collect { '    ' + it }.join('\n')}
""", null)
    }

    def run(String resolvers, Map params = [:], int concurrency = 4) {
        new ResolverEngine(providers.registry()).run(solution(resolvers),
                RunOptions.defaults().withParameters(params).withMaxConcurrency(concurrency))
    }

    def "sources are tried in order until one gives a value: #given gives #expected"() {
        when: 'a resolver with a parameter, then a record, then a static source runs'
        def values = run('''
            x:
              resolve:
                with:
                  - provider: parameter
                    inputs: {key: x}
                  - provider: record
                    inputs: {value: ''' + recorded + '''}
                  - provider: static
                    inputs: {value: last}
            ''', given)

        then: 'the first non-null value wins and later sources are not called'
        values.x == expected
        providers.calls == calls

        where:
        given         | recorded || expected | calls
        [x: 'param']  | 'null'   || 'param'  | []
        [:]           | 'rec'    || 'rec'    | ['x:rec']
        [:]           | 'null'   || 'last'   | ['x:null']
    }

    def "a resolver whose sources all give nothing is null"() {
        expect:
        run('''
            x:
              resolve:
                with:
                  - provider: parameter
                    inputs: {key: missing}
            ''') == [x: null]
    }

    def "rslvr and expr references nest in maps and lists"() {
        when:
        def values = run('''
            a:
              resolve: {with: [{provider: static, inputs: {value: 2}}]}
            b:
              resolve:
                with:
                  - provider: static
                    inputs:
                      value:
                        plain: 1
                        ref: {rslvr: a}
                        list: [{rslvr: a}, {expr: "_.a * 10"}, [{expr: "string(_.a)"}]]
            ''')

        then:
        values.b == [plain: 1L, ref: 2L, list: [2L, 20L, ['2']]]
    }

    def "CEL expression #expression over a=3, s='x', m={k:[1,2]} gives #expected"() {
        when:
        def values = run("""
            a: {resolve: {with: [{provider: static, inputs: {value: 3}}]}}
            s: {resolve: {with: [{provider: static, inputs: {value: x}}]}}
            m: {resolve: {with: [{provider: static, inputs: {value: {k: [1, 2]}}}]}}
            r:
              resolve:
                with:
                  - provider: cel
                    inputs: {expression: '${expression.replace("'", "''")}'}
            """)

        then:
        values.r == expected

        where:
        expression                         || expected
        '_.a + 1'                          || 4L
        'double(_.a) * 1.5'                || 4.5d
        "_.s + '-y'"                       || 'x-y'
        '_["a"] > 2'                       || true
        '_.m.k.map(v, v * 2)'              || [2L, 4L]
        'size(_.m.k)'                      || 2L
        "_.s.upperAscii()"                 || 'X'
        '{"n": _.a}'                       || [n: 3L]
        'null'                             || null
    }

    def "values are coerced to the declared type"() {
        expect:
        run('''
            port:
              type: int
              resolve: {with: [{provider: parameter, inputs: {key: port}}]}
            ''', [port: '8080']) == [port: 8080L]
    }

    def "a value that cannot be coerced names the resolver, the type and the value"() {
        when:
        run('''
            port:
              type: int
              resolve: {with: [{provider: parameter, inputs: {key: port}}]}
            ''', [port: 'eighty'])

        then:
        def e = thrown(ScafctlException)
        e.message.contains('resolver port')
        e.message.contains('"eighty" (string)')
        e.message.contains('type int')
    }

    def "independent resolvers of one phase run in parallel, up to max-concurrency #limit"() {
        given: 'a provider that waits until #limit calls are inside it at once'
        def barrier = new CyclicBarrier(limit)
        def registry = providers.registry { barrier.await(20, TimeUnit.SECONDS) }
        def resolvers = (1..6).collect { "r${it}: {resolve: {with: [{provider: slow, inputs: {value: ${it}}}]}}" }.join('\n')

        when: 'six independent resolvers run'
        def values = new ResolverEngine(registry).run(solution(resolvers),
                RunOptions.defaults().withMaxConcurrency(limit))

        then: 'they all finish (the barrier needed #limit at once) and never more than #limit ran together'
        values.size() == 6
        providers.maxActive.get() == limit

        where:
        limit << [1, 2, 3]
    }

    def "a failing provider fails the run naming resolver and provider"() {
        when:
        run('''
            ok: {resolve: {with: [{provider: static, inputs: {value: 1}}]}}
            bad: {resolve: {with: [{provider: fail, inputs: {reason: disk}}]}}
            ''')

        then:
        def e = thrown(ScafctlException)
        e.message == 'resolver bad: provider fail failed: broken on purpose: disk'
        !e.isInvalidInput()
    }

    def "#problem is invalid input that says #hint"() {
        when:
        run(resolvers)

        then:
        def e = thrown(InvalidInputException)
        e.message.contains(message)
        (e.message + ' ' + e.nextStep()).contains(hint)

        where:
        problem             | resolvers                                                                                   || message                                              | hint
        'unknown provider'  | 'a: {resolve: {with: [{provider: nope}]}}'                                                  || "resolver a uses unknown provider 'nope'"            | 'bundle.plugins'
        'known list'        | 'a: {resolve: {with: [{provider: nope}]}}'                                                  || 'known providers: cel, env, exec, fail, file'         | 'fix the provider name'
        'unknown rslvr'     | 'a: {resolve: {with: [{provider: static, inputs: {value: {rslvr: ghost}}}]}}'               || "refers to unknown resolver 'ghost' (rslvr)"          | 'use one of: a'
        'unknown in expr'   | 'a: {resolve: {with: [{provider: static, inputs: {value: {expr: "_.ghost"}}}]}}'            || "unknown resolver 'ghost'"                           | 'use one of: a'
        'unknown dependsOn' | 'a: {dependsOn: [ghost], resolve: {with: [{provider: static}]}}'                            || "unknown resolver 'ghost' (dependsOn)"                | 'use one of: a'
        'bad CEL'           | 'a: {resolve: {with: [{provider: static, inputs: {value: {expr: "_.a +"}}}]}}'              || 'invalid CEL expression'                             | 'fix the expression'
        'a cycle'           | 'a: {dependsOn: [b], resolve: {with: [{provider: static}]}}\nb: {resolve: {with: [{provider: static, inputs: {value: {rslvr: a}}}]}}' || 'dependency cycle between resolvers: a -> b -> a' | 'break the cycle'
        'a self reference'  | 'a: {resolve: {with: [{provider: cel, inputs: {expression: "_.a"}}]}}'                      || 'dependency cycle between resolvers: a -> a'          | 'break the cycle'
    }

    def "onlyResolvers computes only those resolvers and what they need"() {
        when:
        def values = new ResolverEngine(providers.registry()).run(solution('''
            a: {resolve: {with: [{provider: record, inputs: {value: A}}]}}
            b: {resolve: {with: [{provider: record, inputs: {value: B}}]}}
            c: {resolve: {with: [{provider: static, inputs: {value: {expr: "_.a + '!'"}}}]}}
            '''), RunOptions.defaults().withOnlyResolvers(['c']))

        then:
        values == [a: 'A', c: 'A!']
        providers.calls == ['a:A']
    }
}
