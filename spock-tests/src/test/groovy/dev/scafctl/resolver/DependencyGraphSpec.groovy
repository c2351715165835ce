package dev.scafctl.resolver

import dev.scafctl.error.InvalidInputException
import spock.lang.Specification

class DependencyGraphSpec extends Specification {

    def "edges #edges run in phases #phases"() {
        given:
        def graph = new DependencyGraph(edges.collectEntries { k, v -> [k, v as LinkedHashSet] } as LinkedHashMap)

        expect:
        graph.phases(edges.keySet()) == phases

        where:
        edges                                    || phases
        [a: [], b: [], c: []]                    || [['a', 'b', 'c']]
        [a: [], b: ['a'], c: ['b']]              || [['a'], ['b'], ['c']]
        [c: ['a', 'b'], a: [], b: ['a']]         || [['a'], ['b'], ['c']]
        [a: [], b: [], c: ['a'], d: ['a', 'b']]  || [['a', 'b'], ['c', 'd']]
        [x: ['y'], y: [], z: ['x', 'y']]         || [['y'], ['x'], ['z']]
    }

    def "a cycle is reported with its path: #expected"() {
        given:
        def graph = new DependencyGraph(edges.collectEntries { k, v -> [k, v as LinkedHashSet] } as LinkedHashMap)

        when:
        graph.phases(edges.keySet())

        then:
        def e = thrown(InvalidInputException)
        e.message == "dependency cycle between resolvers: ${expected}"

        where:
        edges                              || expected
        [a: ['a']]                         || 'a -> a'
        [a: ['b'], b: ['a']]               || 'a -> b -> a'
        [a: ['b'], b: ['c'], c: ['b']]     || 'b -> c -> b'
    }

    def "closure follows dependencies transitively"() {
        expect:
        new DependencyGraph([a: [] as Set, b: ['a'] as Set, c: ['b'] as Set, d: [] as Set]).closure('c') == ['c', 'b', 'a'] as Set
    }
}
