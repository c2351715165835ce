package dev.scafctl.plugin.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** Reads frames off a blocking channel, through one buffer. */
final class FrameReader {
    private final ReadableByteChannel in;
    private final int maxFrameSize;
    private final ByteBuffer buffer;

    /** @param maxFrameSize the SETTINGS_MAX_FRAME_SIZE we announced: a larger frame is a FRAME_SIZE_ERROR */
    FrameReader(ReadableByteChannel in, int maxFrameSize) {
        this.in = in;
        this.maxFrameSize = maxFrameSize;
        this.buffer = ByteBuffer.allocate(Math.max(32 * 1024, maxFrameSize + 9));
        buffer.flip();
    }

    /** The next frame; EOFException when the peer closed the connection. */
    Frame read() throws IOException {
        fill(9);
        int length = ((buffer.get() & 0xff) << 16) | ((buffer.get() & 0xff) << 8) | (buffer.get() & 0xff);
        int type = buffer.get() & 0xff;
        int flags = buffer.get() & 0xff;
        int stream = buffer.getInt() & 0x7fffffff;
        if (length > maxFrameSize) throw new Http2Exception(Http2.FRAME_SIZE_ERROR, "frame of " + length + " bytes");
        fill(length);
        byte[] payload = new byte[length];
        buffer.get(payload);
        return new Frame(type, flags, stream, payload);
    }

    private void fill(int needed) throws IOException {
        if (buffer.remaining() >= needed) return;
        buffer.compact();
        while (buffer.position() < needed) {
            if (in.read(buffer) < 0) {
                throw new EOFException(buffer.position() == 0 ? "connection closed" : "connection closed inside a frame");
            }
        }
        buffer.flip();
    }
}
