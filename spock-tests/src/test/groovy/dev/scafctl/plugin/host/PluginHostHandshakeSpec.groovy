package dev.scafctl.plugin.host

import spock.lang.Specification

class PluginHostHandshakeSpec extends Specification {

    def "the handshake line '#line' is read as #network #address"() {
        when: 'the host reads the line'
        def h = Handshake.parse(line, [1] as Set)

        then: 'it knows where to dial'
        h.network() == network
        h.address() == address
        h.protocol() == 'grpc'
        h.serverCert() == cert

        where:
        line                                             || network | address                 | cert
        '1|1|unix|/tmp/plugin4035587796|grpc|'            || 'unix'  | '/tmp/plugin4035587796' | ''
        '1|1|unix|/tmp/plugin1|grpc|\n'                   || 'unix'  | '/tmp/plugin1'          | ''
        '1|1|unix|/tmp/plugin1|grpc'                      || 'unix'  | '/tmp/plugin1'          | ''
        '1|1|tcp|127.0.0.1:10001|grpc|'                   || 'tcp'   | '127.0.0.1:10001'       | ''
        '1|1|unix|/tmp/p|grpc|MIIBdzCCAR2gAwIBAgIQ'       || 'unix'  | '/tmp/p'                | 'MIIBdzCCAR2gAwIBAgIQ'
        '1|1|unix|/tmp/p|grpc||true'                      || 'unix'  | '/tmp/p'                | ''
        '  1|1|unix|/tmp/p|grpc|  '                       || 'unix'  | '/tmp/p'                | ''
    }

    def "the handshake line '#line' is refused: #reason"() {
        when: 'the host reads the line'
        Handshake.parse(line, [1] as Set)

        then: 'the error says what is wrong'
        def e = thrown(Handshake.Invalid)
        e.message.contains(reason)

        where:
        line                              || reason
        ''                                || 'not a go-plugin handshake'
        'hello world'                     || 'not a go-plugin handshake'
        '1|1|unix'                        || 'not a go-plugin handshake'
        'x|1|unix|/tmp/p|grpc|'           || "core protocol 'x' is not a number"
        '2|1|unix|/tmp/p|grpc|'           || 'core protocol 2'
        '1|2|unix|/tmp/p|grpc|'           || 'scafctl plugin protocol 2; this host accepts [1]'
        '1|1|udp|/tmp/p|grpc|'            || "network 'udp'"
        '1|1|unix||grpc|'                 || 'empty address'
        '1|1|unix|/tmp/p|netrpc|'         || "protocol 'netrpc'"
        '1|1|unix|/tmp/p'                 || "protocol 'netrpc'"
    }
}
