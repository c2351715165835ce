package dev.scafctl.registry

import spock.lang.Specification
import spock.lang.Timeout
import spock.lang.Unroll

/** The headers scafctl parses from a registry's answers, which a hostile registry writes as it likes. */
class RegistryHeaderSpec extends Specification {

    def "a bearer challenge gives its realm, service and scope"() {
        when: 'a usual WWW-Authenticate header is parsed'
        def c = Challenge.parse('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"')

        then: 'each parameter, by its lower-case name'
        c.isBearer()
        c.params() == [realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull']
    }

    @Unroll
    def "the Link header '#header' leads to #target"() {
        expect:
        HttpRegistryClient.nextLinkTarget(header) == target

        where:
        header                                                       || target
        '</v2/_catalog?last=b&n=2>; rel="next"'                      || '/v2/_catalog?last=b&n=2'
        '</v2/_catalog?last=b&n=2>;rel=next'                         || '/v2/_catalog?last=b&n=2'
        '</a>; rel="prev", </b>; rel="next"'                         || '/b'
        '</a>; rel="prev"'                                           || null
        null                                                         || null
    }

    @Timeout(10)
    @Unroll
    def "a hostile #header header of #length characters is parsed at once"() {
        when: 'the header is parsed'
        def result = header == 'WWW-Authenticate' ? Challenge.parse(text).params() : HttpRegistryClient.nextLinkTarget(text)

        then: 'nothing is found in it, in time linear in its length'
        result == expected

        where:
        header             | text                               || expected
        'WWW-Authenticate' | 'Bearer ' + 'a' * 1_000_000        || [:]
        'WWW-Authenticate' | 'Bearer ' + 'a="' * 300_000        || [a: 'a=']
        'Link'             | '<' * 1_000_000                    || null
        'Link'             | '<a>' + ' ' * 1_000_000 + 'x'      || null
        length = text.length()
    }
}
