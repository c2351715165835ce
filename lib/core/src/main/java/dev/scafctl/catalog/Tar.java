package dev.scafctl.catalog;

import dev.scafctl.error.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The little of the tar format an OCI layout archive needs: ustar files and directories written;
 * ustar, pax and GNU long names read. Links and devices are refused, never followed.
 */
final class Tar {
    static final int BLOCK = 512;

    private Tar() {
    }

    static final class Writer {
        private final OutputStream out;

        Writer(OutputStream out) {
            this.out = out;
        }

        void directory(String name) throws IOException {
            out.write(header(name, 0, '5', 0755));
        }

        /** Writes a file entry whose content {@code body} copies exactly {@code size} bytes. */
        void file(String name, long size, InputStream body) throws IOException {
            out.write(header(name, size, '0', 0644));
            long copied = body.transferTo(out);
            if (copied != size) throw new IOException(name + " changed while archived");
            int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
            out.write(new byte[pad]);
        }

        void finish() throws IOException {
            out.write(new byte[BLOCK * 2]);
            out.flush();
        }

        private static byte[] header(String name, long size, char type, int mode) {
            byte[] h = new byte[BLOCK];
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            if (n.length > 100) throw new IllegalArgumentException("tar name too long: " + name);
            System.arraycopy(n, 0, h, 0, n.length);
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
    record Entry(String name, char type, long size) {
        boolean isFile() {
            return type == '0' || type == 0 || type == '7';
        }

        boolean isDirectory() {
            return type == '5';
        }
    }

    interface EntryHandler {
        void handle(Entry entry, InputStream content) throws IOException;
    }

    /** Calls {@code handler} for each file and directory; links, devices and unknown types are refused. */
    static void read(InputStream in, String what, EntryHandler handler) throws IOException {
        String longName = null;
        while (true) {
            byte[] h = in.readNBytes(BLOCK);
            if (h.length < BLOCK) throw bad(what, "it ends inside an entry header");
            if (isZero(h)) return;
            String name = string(h, 0, 100);
            String prefix = string(h, 345, 155);
            if (!prefix.isEmpty() && "ustar".equals(string(h, 257, 5))) name = prefix + "/" + name;
            char type = (char) h[156];
            long size = number(h, 124, 12, what);
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
                throw bad(what, "entry '" + name + "' is a " + (type == '1' || type == '2' ? "link" : "special file (type " + type + ")")
                        + "; an OCI layout archive holds only files and directories");
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

    private static long number(byte[] h, int off, int len, String what) {
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
            throw bad(what, "an entry header has an invalid size");
        }
    }

    static InvalidInputException bad(String what, String why) {
        return new InvalidInputException("cannot load " + what + ": " + why,
                "create the archive with 'scafctl catalog save NAME@VERSION -o FILE.tar'");
    }
}
