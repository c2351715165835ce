package dev.scafctl.plugin.wire;

import io.grpc.Status;
import io.grpc.StatusException;

import java.util.function.Consumer;

/** Cuts a response's DATA into gRPC messages: a flag byte, a 4-byte big-endian length, the message. */
final class MessageReader {
    private final int maxSize;
    private final byte[] prefix = new byte[5];
    private int prefixFill;
    private byte[] body;
    private int bodyFill;

    MessageReader(int maxSize) {
        this.maxSize = maxSize;
    }

    /** @throws StatusException for a compressed message (none was negotiated) or one over the size limit */
    void feed(byte[] data, int offset, int length, Consumer<byte[]> messages) throws StatusException {
        while (true) {
            if (body == null) {
                int n = Math.min(length, 5 - prefixFill);
                System.arraycopy(data, offset, prefix, prefixFill, n);
                prefixFill += n;
                offset += n;
                length -= n;
                if (prefixFill < 5) return;
                if ((prefix[0] & 1) != 0) {
                    throw Status.INTERNAL.withDescription("the plugin sent a compressed message, but this host asked for no compression")
                            .asException();
                }
                long size = ((prefix[1] & 0xffL) << 24) | ((prefix[2] & 0xff) << 16) | ((prefix[3] & 0xff) << 8) | (prefix[4] & 0xff);
                if (size > maxSize) {
                    throw Status.RESOURCE_EXHAUSTED.withDescription("the plugin sent a message of " + size
                            + " bytes, over the limit of " + maxSize).asException();
                }
                body = new byte[(int) size];
                bodyFill = 0;
            }
            int n = Math.min(length, body.length - bodyFill);
            System.arraycopy(data, offset, body, bodyFill, n);
            bodyFill += n;
            offset += n;
            length -= n;
            if (bodyFill < body.length) return;
            messages.accept(body);
            body = null;
            prefixFill = 0;
        }
    }

    /** Whether part of a message has arrived without the rest. */
    boolean isInsideMessage() {
        return prefixFill > 0;
    }
}
