package dev.scafctl.plugin.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * Collects outgoing frames and writes them in one go, so a request's HEADERS and DATA leave in
 * one system call. Not thread-safe: the connection holds its lock around every use.
 */
final class FrameWriter {
    private final WritableByteChannel out;
    private byte[] buf = new byte[16 * 1024];
    private int len;

    FrameWriter(WritableByteChannel out) {
        this.out = out;
    }

    void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    void frame(int type, int flags, int stream, byte[] payload, int offset, int length) {
        ensure(9 + length);
        buf[len++] = (byte) (length >>> 16);
        buf[len++] = (byte) (length >>> 8);
        buf[len++] = (byte) length;
        buf[len++] = (byte) type;
        buf[len++] = (byte) flags;
        putInt(stream & 0x7fffffff);
        System.arraycopy(payload, offset, buf, len, length);
        len += length;
    }

    void frame(int type, int flags, int stream, byte[] payload) {
        frame(type, flags, stream, payload, 0, payload.length);
    }

    /** A frame whose payload is 32-bit words: SETTINGS pairs are (16-bit id, 32-bit value), so they come pre-packed. */
    void intFrame(int type, int flags, int stream, int... words) {
        byte[] payload = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            payload[4 * i] = (byte) (words[i] >>> 24);
            payload[4 * i + 1] = (byte) (words[i] >>> 16);
            payload[4 * i + 2] = (byte) (words[i] >>> 8);
            payload[4 * i + 3] = (byte) words[i];
        }
        frame(type, flags, stream, payload);
    }

    void settings(int... idValuePairs) {
        byte[] payload = new byte[idValuePairs.length / 2 * 6];
        for (int i = 0, p = 0; i < idValuePairs.length; i += 2, p += 6) {
            payload[p] = (byte) (idValuePairs[i] >>> 8);
            payload[p + 1] = (byte) idValuePairs[i];
            int v = idValuePairs[i + 1];
            payload[p + 2] = (byte) (v >>> 24);
            payload[p + 3] = (byte) (v >>> 16);
            payload[p + 4] = (byte) (v >>> 8);
            payload[p + 5] = (byte) v;
        }
        frame(Http2.SETTINGS, 0, 0, payload);
    }

    boolean isEmpty() {
        return len == 0;
    }

    void flush() throws IOException {
        if (len == 0) return;
        ByteBuffer b = ByteBuffer.wrap(buf, 0, len);
        len = 0;
        while (b.hasRemaining()) out.write(b);
        if (buf.length > 256 * 1024) buf = new byte[16 * 1024]; // do not keep a large message's buffer
    }

    private void putInt(int v) {
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void ensure(int more) {
        if (len + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
}
