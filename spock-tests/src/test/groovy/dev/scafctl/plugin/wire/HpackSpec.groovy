package dev.scafctl.plugin.wire

import spock.lang.Specification

/** HPACK as RFC 7541 Appendix C spells it out: integers, single fields, and request and response sequences. */
class HpackSpec extends Specification {
    static byte[] hex(String s) {
        s.replaceAll(/\s/, '').decodeHex()
    }

    static List<List<String>> pairs(List<HeaderField> fields) {
        fields.collect { [it.name(), it.value()] }
    }

    def "#value with a #prefix-bit prefix encodes as #expected (C.1)"() {
        given: 'a buffer'
        def out = new ByteArrayOutputStream()

        when: 'the integer is written'
        HpackEncoder.integer(out, 0, prefix, value)

        then: 'the octets are those of the RFC'
        out.toByteArray().encodeHex().toString() == expected

        where:
        value | prefix || expected
        10    | 5      || '0a'
        1337  | 5      || '1f9a0a'
        42    | 8      || '2a'
    }

    def "#section: one field #name: #value, #tableSize octets left in the table"() {
        given: 'a fresh decoder'
        def decoder = new HpackDecoder(4096)

        when: 'the block is decoded'
        def fields = decoder.decode(hex(block))

        then: 'the field and the table are as the RFC says'
        pairs(fields) == [[name, value]]
        decoder.tableSize() == tableSize

        where:
        section | block                                                                   || name          | value           | tableSize
        'C.2.1' | '400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572'     || 'custom-key'  | 'custom-header' | 55
        'C.2.2' | '040c 2f73 616d 706c 652f 7061 7468'                                   || ':path'       | '/sample/path'  | 0
        'C.2.3' | '1008 7061 7373 776f 7264 0673 6563 7265 74'                           || 'password'    | 'secret'        | 0
        'C.2.4' | '82'                                                                    || ':method'     | 'GET'           | 0
    }

    def "#section: a sequence of #blocks.size() blocks decodes with the dynamic table carried over (table limit #limit)"() {
        given: 'one decoder for the whole sequence, as for one connection'
        def decoder = new HpackDecoder(limit)

        expect: 'each block gives its fields and leaves the table at its size'
        blocks.indices.each { i ->
            assert pairs(decoder.decode(hex(blocks[i]))) == fields[i]
            assert decoder.tableSize() == sizes[i]
        }

        where:
        section             | limit | blocks                  || fields          | sizes
        'C.3 (plain)'       | 4096  | REQUESTS_PLAIN          || REQUEST_FIELDS  | [57, 110, 164]
        'C.4 (Huffman)'     | 4096  | REQUESTS_HUFFMAN        || REQUEST_FIELDS  | [57, 110, 164]
        'C.5 (plain)'       | 256   | RESPONSES_PLAIN         || RESPONSE_FIELDS | [222, 222, 215]
        'C.6 (Huffman)'     | 256   | RESPONSES_HUFFMAN       || RESPONSE_FIELDS | [222, 222, 215]
    }

    def "after C.5 the table holds the newest entries, the oldest evicted"() {
        given: 'the response sequence decoded with a 256-octet table'
        def decoder = new HpackDecoder(256)
        RESPONSES_PLAIN.each { decoder.decode(hex(it)) }

        expect: 'the entries the RFC lists, newest first'
        pairs(decoder.table()) == [
                ['set-cookie', 'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1'],
                ['content-encoding', 'gzip'],
                ['date', 'Mon, 21 Oct 2013 20:13:22 GMT']]
    }

    def "a table size update #what"() {
        given: 'a decoder that has indexed one field'
        def decoder = new HpackDecoder(4096)
        decoder.decode(hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572'))

        when: 'a block starts with a size update'
        def fields = decoder.decode(hex(block))

        then: 'the table follows it'
        pairs(fields) == expected
        decoder.tableSize() == size

        where:
        what                                   | block        || expected         | size
        'to 0 empties the table'               | '20'         || []               | 0
        'to 0 and back keeps it usable'        | '20 3f e1 1f 82' || [[':method', 'GET']] | 0
        'to a size that still fits keeps it'   | '3f 18'      || []               | 55
    }

    def "#what is a decoding error"() {
        when: 'the block is decoded'
        new HpackDecoder(4096).decode(hex(block))

        then: 'the connection cannot go on'
        thrown(HpackException)

        where:
        what                                     | block
        'index 0'                                | '80'
        'an index beyond both tables'            | 'be'
        'a size update over the limit'           | '3f e2 1f'
        'a size update after a field'            | '82 20'
        'a string longer than the block'         | '040c 2f73'
        'an integer that never ends'             | '7f ff ff ff ff ff ff'
        'Huffman padding of zeros'               | '0001 80 8100'
    }

    def "a small block that expands through the dynamic table beyond the limit is refused"() {
        given: 'a 4000-octet entry indexed once, then referenced many times in one block'
        def decoder = new HpackDecoder(4096)
        def entry = new ByteArrayOutputStream()
        entry.write(0x40)
        HpackEncoder.integer(entry, 0, 7, 1); entry.write((int) ('x' as char))
        HpackEncoder.integer(entry, 0, 7, 3960); entry.write(('v' * 3960).bytes)
        decoder.decode(entry.toByteArray())
        byte[] bomb = new byte[HpackDecoder.MAX_DECODED.intdiv(3900)]
        Arrays.fill(bomb, (byte) 0xbe) // index 62: the newest dynamic entry

        when: 'the block is decoded'
        decoder.decode(bomb)

        then: 'it is refused before it is all in memory'
        thrown(HpackException)
    }

    def "what the encoder writes, a decoder reads back: #fields"() {
        expect: 'the round trip keeps names, values and order'
        pairs(new HpackDecoder(4096).decode(HpackEncoder.encode(fields.collect { new HeaderField(it[0], it[1]) }))) == fields

        where:
        fields << [
                [[':method', 'POST'], [':scheme', 'http'], [':path', '/plugin.PluginService/GetProviders'],
                 [':authority', 'localhost'], ['content-type', 'application/grpc'], ['te', 'trailers']],
                [['grpc-timeout', '99999999n'], ['x-custom', 'a' * 300]],
                [['empty', '']],
        ]
    }

    static final List<String> REQUESTS_PLAIN = [
            '8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d',
            '8286 84be 5808 6e6f 2d63 6163 6865',
            '8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65']
    static final List<String> REQUESTS_HUFFMAN = [
            '8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff',
            '8286 84be 5886 a8eb 1064 9cbf',
            '8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf']
    static final List<List<List<String>>> REQUEST_FIELDS = [
            [[':method', 'GET'], [':scheme', 'http'], [':path', '/'], [':authority', 'www.example.com']],
            [[':method', 'GET'], [':scheme', 'http'], [':path', '/'], [':authority', 'www.example.com'], ['cache-control', 'no-cache']],
            [[':method', 'GET'], [':scheme', 'https'], [':path', '/index.html'], [':authority', 'www.example.com'], ['custom-key', 'custom-value']]]
    static final List<String> RESPONSES_PLAIN = [
            '''4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133
               2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d''',
            '4803 3330 37c1 c0bf',
            '''88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d
               54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049
               5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31''']
    static final List<String> RESPONSES_HUFFMAN = [
            '''4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6
               2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3''',
            '4883 640e ffc1 c0bf',
            '''88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab
               77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f
               9587 3160 65c0 03ed 4ee5 b106 3d50 07''']
    static final List<List<List<String>>> RESPONSE_FIELDS = [
            [[':status', '302'], ['cache-control', 'private'], ['date', 'Mon, 21 Oct 2013 20:13:21 GMT'], ['location', 'https://www.example.com']],
            [[':status', '307'], ['cache-control', 'private'], ['date', 'Mon, 21 Oct 2013 20:13:21 GMT'], ['location', 'https://www.example.com']],
            [[':status', '200'], ['cache-control', 'private'], ['date', 'Mon, 21 Oct 2013 20:13:22 GMT'], ['location', 'https://www.example.com'],
             ['content-encoding', 'gzip'], ['set-cookie', 'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1']]]
}
