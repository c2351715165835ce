package dev.scafctl.plugin.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Decodes header blocks (RFC 7541): all representations, the dynamic table with its size updates,
 * Huffman strings. One decoder per connection, used by its reader thread only.
 */
final class HpackDecoder {
    /** What one decoded block may add up to: references to the dynamic table would otherwise let a small block expand without bound. */
    static final int MAX_DECODED = 16 << 20;

    private final int maxTableSize;
    private final ArrayDeque<HeaderField> table = new ArrayDeque<>(); // newest first
    private int tableSize;
    private int tableLimit;

    /** @param maxTableSize the SETTINGS_HEADER_TABLE_SIZE we announced (4096 unless we said otherwise) */
    HpackDecoder(int maxTableSize) {
        this.maxTableSize = maxTableSize;
        this.tableLimit = maxTableSize;
    }

    List<HeaderField> decode(byte[] block) throws HpackException {
        List<HeaderField> fields = new ArrayList<>();
        Cursor in = new Cursor(block);
        long decoded = 0;
        int counted = 0;
        while (in.more()) {
            while (counted < fields.size()) decoded += fields.get(counted++).size();
            if (decoded > MAX_DECODED) throw new HpackException("header block decodes to over " + MAX_DECODED + " bytes");
            int b = in.peek();
            if ((b & 0x80) != 0) {
                fields.add(entry(in.integer(7)));
            } else if ((b & 0xc0) == 0x40) {
                HeaderField f = literal(in, 6);
                add(f);
                fields.add(f);
            } else if ((b & 0xe0) == 0x20) {
                if (!fields.isEmpty()) throw new HpackException("table size update after a header field");
                int size = in.integer(5);
                if (size > maxTableSize) throw new HpackException("table size update to " + size + " over the limit " + maxTableSize);
                tableLimit = size;
                evict(0);
            } else {
                fields.add(literal(in, 4)); // without indexing (0000) or never indexed (0001): the same to a decoder
            }
        }
        return fields;
    }

    int tableSize() {
        return tableSize;
    }

    List<HeaderField> table() {
        return List.copyOf(table);
    }

    private HeaderField literal(Cursor in, int prefix) throws HpackException {
        int index = in.integer(prefix);
        String name = index == 0 ? in.string() : entry(index).name();
        return new HeaderField(name, in.string());
    }

    private HeaderField entry(int index) throws HpackException {
        if (index <= 0) throw new HpackException("header index 0");
        if (index <= StaticTable.ENTRIES.length) {
            String[] e = StaticTable.ENTRIES[index - 1];
            return new HeaderField(e[0], e[1]);
        }
        int dynamic = index - StaticTable.ENTRIES.length - 1;
        if (dynamic >= table.size()) throw new HpackException("header index " + index + " beyond the tables");
        Iterator<HeaderField> it = table.iterator();
        for (int i = 0; i < dynamic; i++) it.next();
        return it.next();
    }

    private void add(HeaderField f) {
        evict(f.size());
        if (f.size() <= tableLimit) { // an entry larger than the table empties it and is not added
            table.addFirst(f);
            tableSize += f.size();
        }
    }

    private void evict(int room) {
        while (!table.isEmpty() && tableSize + room > tableLimit) {
            tableSize -= table.removeLast().size();
        }
    }

    private static final class Cursor {
        private final byte[] data;
        private int pos;

        Cursor(byte[] data) {
            this.data = data;
        }

        boolean more() {
            return pos < data.length;
        }

        int peek() {
            return data[pos] & 0xff;
        }

        int next() throws HpackException {
            if (pos >= data.length) throw new HpackException("header block ends inside a field");
            return data[pos++] & 0xff;
        }

        /** An integer with an N-bit prefix (RFC 7541 §5.1). */
        int integer(int prefix) throws HpackException {
            int mask = (1 << prefix) - 1;
            int value = next() & mask;
            if (value < mask) return value;
            int shift = 0;
            int b;
            do {
                b = next();
                if (shift > 28) throw new HpackException("integer too large");
                long v = value + ((long) (b & 0x7f) << shift);
                if (v > Integer.MAX_VALUE) throw new HpackException("integer too large");
                value = (int) v;
                shift += 7;
            } while ((b & 0x80) != 0);
            return value;
        }

        /** A string literal (RFC 7541 §5.2). */
        String string() throws HpackException {
            boolean huffman = (peek() & 0x80) != 0;
            int length = integer(7);
            if (length > data.length - pos) throw new HpackException("string longer than the header block");
            byte[] octets = huffman ? Huffman.decode(data, pos, length) : java.util.Arrays.copyOfRange(data, pos, pos + length);
            pos += length;
            return new String(octets, StandardCharsets.ISO_8859_1);
        }
    }
}
