package dev.scafctl.solution

import spock.lang.Specification

class ValueTypeSpec extends Specification {

    def "#type coerces #value to #expected"() {
        expect: 'the declared type converts the provider value'
        ValueType.parse(type).get().coerce(value) == Optional.of(expected)

        where:
        type      | value               || expected
        'int'     | '8080'              || 8080L
        'integer' | ' 42 '              || 42L
        'int'     | 7.0d                || 7L
        'float'   | '1.5'               || 1.5d
        'number'  | 3L                  || 3.0d
        'string'  | 8080L               || '8080'
        'string'  | true                || 'true'
        'string'  | 2.0d                || '2'
        'bool'    | 'true'              || true
        'boolean' | 'FALSE'             || false
        'array'   | [1L, 2L]            || [1L, 2L]
        'object'  | [a: 1L]             || [a: 1L]
        'map'     | [a: 1L]             || [a: 1L]
        'any'     | 'x'                 || 'x'
    }

    def "#type refuses #value"() {
        expect: 'no conversion is invented'
        ValueType.parse(type).get().coerce(value).isEmpty()

        where:
        type     | value
        'int'    | 'eighty'
        'int'    | 7.5d
        'int'    | true
        'float'  | 'x1'
        'bool'   | 'yes'
        'bool'   | 1L
        'array'  | 'a,b'
        'object' | [1L]
        'string' | [a: 1L]
    }

    def "unknown type names are not accepted"() {
        expect:
        ValueType.parse('text').isEmpty()
    }
}
