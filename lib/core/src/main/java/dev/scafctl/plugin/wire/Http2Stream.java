package dev.scafctl.plugin.wire;

import io.grpc.Status;

import java.util.List;

/** One client-initiated stream of an {@link Http2Connection}. */
final class Http2Stream {
    /** What a stream's owner hears, on the connection's reader thread: it must hand work off, never block. */
    interface Listener {
        void onHeaders(List<HeaderField> fields, boolean endStream);

        void onData(byte[] data, int offset, int length, boolean endStream);

        /** The peer reset the stream (RST_STREAM) with this error code. */
        void onReset(int code);

        /** The connection ended, or a GOAWAY left this stream out, before the stream ended. */
        void onFailure(Status status);
    }

    final int id;
    final Listener listener;
    /** Guarded by the connection. */
    long sendWindow;
    /** Guarded by the connection: no longer in its table (ended, reset or failed). */
    boolean closed;
    /** Guarded by the connection: octets the owner has consumed and no WINDOW_UPDATE has returned yet. */
    int unacked;

    Http2Stream(int id, Listener listener, long sendWindow) {
        this.id = id;
        this.listener = listener;
        this.sendWindow = sendWindow;
    }
}
