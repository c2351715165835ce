package dev.scafctl.plugin.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes header blocks without touching the dynamic table and without Huffman coding: a request
 * is a handful of short headers, and a stateless encoder cannot get out of step with the peer.
 */
final class HpackEncoder {
    private HpackEncoder() {
    }

    static byte[] encode(List<HeaderField> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        for (HeaderField f : fields) {
            int full = StaticTable.indexOf(f.name(), f.value());
            if (full > 0) {
                integer(out, 0x80, 7, full);
                continue;
            }
            int name = StaticTable.indexOfName(f.name());
            integer(out, 0x00, 4, name); // literal without indexing
            if (name == 0) string(out, f.name());
            string(out, f.value());
        }
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] octets = s.getBytes(StandardCharsets.ISO_8859_1);
        integer(out, 0x00, 7, octets.length);
        out.write(octets, 0, octets.length);
    }

    static void integer(ByteArrayOutputStream out, int pattern, int prefix, int value) {
        int mask = (1 << prefix) - 1;
        if (value < mask) {
            out.write(pattern | value);
            return;
        }
        out.write(pattern | mask);
        value -= mask;
        while (value >= 0x80) {
            out.write((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }
}
