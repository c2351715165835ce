package dev.scafctl.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The little of the tar format that OCI layout archives and solution bundles need: ustar files and
 * directories written (a pax record for names over 100 bytes); ustar, pax and GNU long names read.
 * Links and devices are refused, never followed.
 */
public final class Tar {
    public static final int BLOCK = 512;

    private Tar() {
    }

    public static final class Writer {
        private final OutputStream out;

        public Writer(OutputStream out) {
            this.out = out;
        }

        public void directory(String name) throws IOException {
            longName(name);
            out.write(header(name, 0, '5', 0755));
        }

        /** Writes a file entry whose content {@code body} copies exactly {@code size} bytes. */
        public void file(String name, long size, InputStream body) throws IOException {
            longName(name);
            out.write(header(name, size, '0', 0644));
            long copied = body.transferTo(out);
            if (copied != size) throw new IOException(name + " changed while archived");
            int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
            out.write(new byte[pad]);
        }

        public void finish() throws IOException {
            out.write(new byte[BLOCK * 2]);
            out.flush();
        }

        /** A name longer than the header holds goes first in a pax {@code path} record, as Go's archive/tar writes it. */
        private void longName(String name) throws IOException {
            int bytes = name.getBytes(StandardCharsets.UTF_8).length;
            if (bytes <= 100) return;
            String body = "path=" + name + "\n";
            int base = body.getBytes(StandardCharsets.UTF_8).length + 1;
            int len = base + 1;
            while (len != base + String.valueOf(len).length()) len = base + String.valueOf(len).length();
            byte[] record = (len + " " + body).getBytes(StandardCharsets.UTF_8);
            out.write(header("PaxHeaders.0/long-name", record.length, 'x', 0644));
            out.write(record);
            out.write(new byte[(int) pad(record.length)]);
        }

        private static byte[] header(String name, long size, char type, int mode) {
            byte[] h = new byte[BLOCK];
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            int cut = n.length;
            while (cut > 100) {
                // keep whole UTF-8 characters: the full name is in the pax record before this header
                cut--;
                while (cut > 0 && (n[cut] & 0xC0) == 0x80) cut--;
            }
            System.arraycopy(n, 0, h, 0, cut);
            octal(h, 100, 8, mode);
            octal(h, 108, 8, 0);
            octal(h, 116, 8, 0);
            octal(h, 124, 12, size);
            octal(h, 136, 12, 0);
            h[156] = (byte) type;
            System.arraycopy("ustar\00000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
            Arrays.fill(h, 148, 156, (byte) ' ');
            long sum = 0;
            for (byte b : h) sum += b & 0xff;
            byte[] c = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(c, 0, h, 148, 6);
            h[154] = 0;
            h[155] = ' ';
            return h;
        }

        private static void octal(byte[] h, int off, int len, long v) {
            String s = Long.toOctalString(v);
            String padded = "0".repeat(len - 1 - s.length()) + s;
            System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, h, off, len - 1);
        }
    }

    /** One entry while reading: its name, type and a stream limited to its content. */
    public record Entry(String name, char type, long size) {
        public boolean isFile() {
            return type == '0' || type == 0 || type == '7';
        }

        public boolean isDirectory() {
            return type == '5';
        }
    }

    public interface EntryHandler {
        void handle(Entry entry, InputStream content) throws IOException;
    }

    /**
     * Calls {@code handler} for each file and directory; links, devices and unknown types are refused
     * with {@code refuse.apply(why)}, as is a damaged header.
     */
    public static void read(InputStream in, Function<String, RuntimeException> refuse, EntryHandler handler) throws IOException {
        String longName = null;
        while (true) {
            byte[] h = in.readNBytes(BLOCK);
            if (h.length < BLOCK) throw refuse.apply("it ends inside an entry header");
            if (isZero(h)) return;
            String name = string(h, 0, 100);
            String prefix = string(h, 345, 155);
            if (!prefix.isEmpty() && "ustar".equals(string(h, 257, 5))) name = prefix + "/" + name;
            char type = (char) h[156];
            long size = number(h, 124, 12, refuse);
            if (type == 'x' || type == 'g' || type == 'L') {
                byte[] data = in.readNBytes((int) Math.min(size, 1 << 20));
                skip(in, size - data.length + pad(size));
                if (type == 'L') longName = string(data, 0, data.length);
                if (type == 'x') {
                    String path = paxPath(new String(data, StandardCharsets.UTF_8));
                    if (path != null) longName = path;
                }
                continue;
            }
            if (longName != null) {
                name = longName;
                longName = null;
            }
            Entry e = new Entry(name, type, size);
            if (!e.isFile() && !e.isDirectory()) {
                throw refuse.apply("entry '" + name + "' is a " + (type == '1' || type == '2' ? "link" : "special file (type " + type + ")")
                        + "; only files and directories are accepted");
            }
            InputStream limited = new java.io.FilterInputStream(in) {
                private long left = e.isFile() ? size : 0;

                @Override
                public int read() throws IOException {
                    if (left <= 0) return -1;
                    int b = super.read();
                    if (b >= 0) left--;
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) return -1;
                    int n = super.read(b, off, (int) Math.min(len, left));
                    if (n > 0) left -= n;
                    return n;
                }

                @Override
                public void close() {
                    // the archive stream stays open for the next entry
                }
            };
            handler.handle(e, limited);
            if (e.isFile()) {
                byte[] drain = new byte[8192];
                while (limited.read(drain, 0, drain.length) >= 0) {
                    // what the handler did not read
                }
                skip(in, pad(size));
            }
        }
    }

    private static String paxPath(String records) {
        for (String line : records.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp < 0) continue;
            String kv = line.substring(sp + 1);
            if (kv.startsWith("path=")) return kv.substring(5);
        }
        return null;
    }

    private static long pad(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) return;
                s = 1;
            }
            left -= s;
        }
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) if (b != 0) return false;
        return true;
    }

    private static String string(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && end < h.length && h[end] != 0) end++;
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static long number(byte[] h, int off, int len, Function<String, RuntimeException> refuse) {
        if ((h[off] & 0x80) != 0) {
            long v = 0;
            for (int i = off + 1; i < off + len; i++) v = (v << 8) | (h[i] & 0xff);
            return v;
        }
        String s = string(h, off, len).trim();
        if (s.isEmpty()) return 0;
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw refuse.apply("an entry header has an invalid size");
        }
    }
}
