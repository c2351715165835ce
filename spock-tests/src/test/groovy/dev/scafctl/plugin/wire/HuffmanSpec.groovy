package dev.scafctl.plugin.wire

import spock.lang.Specification

import java.nio.charset.StandardCharsets

/** HPACK's Huffman decoding: the RFC 7541 Appendix C strings, every octet, and the malformed endings it must refuse. */
class HuffmanSpec extends Specification {
    static byte[] hex(String s) {
        s.replaceAll(/\s/, '').decodeHex()
    }

    static String decode(byte[] b) {
        new String(Huffman.decode(b, 0, b.length), StandardCharsets.ISO_8859_1)
    }

    /** The test's own encoder, from the same code table: bits appended, the last octet padded with 1s. */
    static byte[] encode(byte[] octets) {
        def out = new ByteArrayOutputStream()
        long bits = 0
        int count = 0
        for (byte b : octets) {
            int symbol = b & 0xff
            bits = (bits << Huffman.LENGTHS[symbol]) | Huffman.CODES[symbol]
            count += Huffman.LENGTHS[symbol]
            while (count >= 8) {
                out.write((int) (bits >>> (count - 8)) & 0xff)
                count -= 8
            }
        }
        if (count > 0) out.write((int) ((bits << (8 - count)) | ((1 << (8 - count)) - 1)) & 0xff)
        out.toByteArray()
    }

    def "#encoded decodes to '#text'"() {
        expect: 'the string of the RFC'
        decode(hex(encoded)) == text

        where:
        encoded                                                                       || text
        'f1e3 c2e5 f23a 6ba0 ab90 f4ff'                                                || 'www.example.com'
        'a8eb 1064 9cbf'                                                               || 'no-cache'
        '25a8 49e9 5ba9 7d7f'                                                          || 'custom-key'
        '25a8 49e9 5bb8 e8b4 bf'                                                       || 'custom-value'
        '6402'                                                                         || '302'
        'aec3 771a 4b'                                                                 || 'private'
        'd07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff'                       || 'Mon, 21 Oct 2013 20:13:21 GMT'
        '9d29 ad17 1863 c78f 0b97 c8e9 ae82 ae43 d3'                                   || 'https://www.example.com'
        '9bd9 ab'                                                                      || 'gzip'
        ''                                                                             || ''
    }

    def "every octet 0..255 survives a round trip, alone and all together"() {
        given: 'each octet on its own, and all of them in one string'
        List<byte[]> strings = (0..255).collect { [it as byte] as byte[] }
        strings << ((0..255).collect { it as byte } as byte[])

        expect: 'decoding gives back the octets'
        strings.every { Huffman.decode(encode(it), 0, encode(it).length) == it }
    }

    def "#what is refused"() {
        when: 'the string is decoded'
        Huffman.decode(hex(encoded), 0, hex(encoded).length)

        then: 'it is a decoding error'
        thrown(HpackException)

        where:
        what                                   | encoded
        'EOS inside the string'                | 'ffff fffc'
        'padding of 8 bits or more'            | 'f1e3 c2e5 f23a 6ba0 ab90 f4ff ff'
        'padding that is not all 1s'           | '00'
        'a code cut short by the end'          | 'fe'
    }
}
