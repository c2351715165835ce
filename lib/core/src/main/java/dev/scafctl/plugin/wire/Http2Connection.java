package dev.scafctl.plugin.wire;

import io.grpc.Status;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP/2 client connection (RFC 9113, prior knowledge, no TLS) over a blocking socket
 * channel: writes happen on the callers' threads under this object's lock, and one reader thread
 * per connection takes frames in and hands them to the streams. Closing the connection closes the
 * socket, which ends the reader's blocking read at once.
 */
final class Http2Connection {
    /** What we announce for every stream and open the connection window to. */
    static final int RECEIVE_WINDOW = 1 << 24;
    private static final int MAX_HEADER_BLOCK = 8 << 20;

    private final SocketChannel socket;
    private final FrameWriter writer;
    private final Map<Integer, Http2Stream> streams = new HashMap<>();

    // guarded by this
    private int nextStreamId = 1;
    private long sendWindow = Http2.DEFAULT_WINDOW;
    private int peerInitialWindow = Http2.DEFAULT_WINDOW;
    private int peerMaxFrame = Http2.DEFAULT_MAX_FRAME;
    private boolean goingAway;
    private Status closedWith;

    // reader thread only
    private int unacked;

    private Http2Connection(SocketChannel socket) {
        this.socket = socket;
        this.writer = new FrameWriter(socket);
    }

    /** Connects, sends the preface and our settings, and starts the reader thread. */
    static Http2Connection open(SocketAddress address) throws IOException {
        SocketChannel socket = SocketChannel.open(address);
        try {
            if (address instanceof InetSocketAddress) socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Http2Connection connection = new Http2Connection(socket);
            connection.start();
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void start() throws IOException {
        synchronized (this) {
            writer.raw(Http2.PREFACE);
            writer.settings(Http2.SETTINGS_ENABLE_PUSH, 0, Http2.SETTINGS_INITIAL_WINDOW_SIZE, RECEIVE_WINDOW);
            writer.intFrame(Http2.WINDOW_UPDATE, 0, 0, RECEIVE_WINDOW - Http2.DEFAULT_WINDOW);
            writer.flush();
        }
        WireExecutors.readers().execute(this::readLoop);
    }

    synchronized boolean isClosed() {
        return closedWith != null;
    }

    /** Whether a new stream may start here: not closed, no GOAWAY, stream ids left. */
    synchronized boolean acceptsStreams() {
        return closedWith == null && !goingAway && nextStreamId > 0;
    }

    /**
     * Opens a stream: HEADERS carrying the encoded header {@code block} (with CONTINUATION when it
     * is larger than a frame), then
     * {@code data} if not null. Stream ids are taken here, under the lock, so they reach the wire in order.
     *
     * @throws IOException when the connection cannot take a new stream or the write fails
     */
    Http2Stream open(Http2Stream.Listener listener, byte[] block, byte[] data, boolean endStream) throws IOException {
        Http2Stream stream;
        synchronized (this) {
            if (closedWith != null) throw new IOException(closedWith.getDescription());
            if (goingAway || nextStreamId <= 0) throw new IOException("the plugin closed this connection to new calls (GOAWAY)");
            stream = new Http2Stream(nextStreamId, listener, peerInitialWindow);
            nextStreamId += 2;
            streams.put(stream.id, stream);
            try {
                int flags = data == null && endStream ? Http2.FLAG_END_STREAM : 0;
                int first = Math.min(block.length, peerMaxFrame);
                writer.frame(Http2.HEADERS, flags | (first == block.length ? Http2.FLAG_END_HEADERS : 0), stream.id, block, 0, first);
                for (int at = first; at < block.length; ) {
                    int n = Math.min(block.length - at, peerMaxFrame);
                    writer.frame(Http2.CONTINUATION, at + n == block.length ? Http2.FLAG_END_HEADERS : 0, stream.id, block, at, n);
                    at += n;
                }
                if (data != null) {
                    sendLocked(stream, data, endStream);
                } else {
                    writer.flush();
                }
            } catch (IOException e) {
                failLater(e);
                throw e;
            }
        }
        runPendingFailure();
        return stream;
    }

    /** Sends DATA within the peer's windows and frame size, waiting for WINDOW_UPDATE when they are used up. */
    void send(Http2Stream stream, byte[] data, boolean endStream) throws IOException {
        synchronized (this) {
            try {
                sendLocked(stream, data, endStream);
            } catch (IOException e) {
                failLater(e);
                throw e;
            }
        }
        runPendingFailure();
    }

    private void sendLocked(Http2Stream stream, byte[] data, boolean endStream) throws IOException {
        int at = 0;
        do {
            if (closedWith != null) throw new IOException(closedWith.getDescription());
            if (stream.closed) return; // reset meanwhile: nothing more to say on it
            int n = (int) Math.max(0, Math.min(Math.min(data.length - at, peerMaxFrame), Math.min(sendWindow, stream.sendWindow)));
            if (n <= 0 && at < data.length) {
                writer.flush();
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the plugin's flow-control window");
                }
                continue;
            }
            boolean last = at + n == data.length;
            writer.frame(Http2.DATA, last && endStream ? Http2.FLAG_END_STREAM : 0, stream.id, data, at, n);
            sendWindow -= n;
            stream.sendWindow -= n;
            at += n;
        } while (at < data.length);
        writer.flush();
    }

    /**
     * Returns {@code bytes} of the stream's receive window to the peer: the stream's owner calls
     * this as it takes data off the stream, so a peer that sends faster than the owner reads is
     * held to the window instead of filling our memory.
     */
    void consumed(Http2Stream stream, int bytes) {
        synchronized (this) {
            if (stream.closed || closedWith != null || bytes <= 0) return;
            stream.unacked += bytes;
            if (stream.unacked < RECEIVE_WINDOW / 2) return;
            try {
                writer.intFrame(Http2.WINDOW_UPDATE, 0, stream.id, stream.unacked);
                writer.flush();
                stream.unacked = 0;
            } catch (IOException e) {
                failLater(e);
            }
        }
        runPendingFailure();
    }

    /** Ends the stream from our side (RST_STREAM); the peer may still send a few frames, which are dropped. */
    void reset(Http2Stream stream, int code) {
        synchronized (this) {
            if (stream.closed || closedWith != null) return;
            remove(stream);
            try {
                writer.intFrame(Http2.RST_STREAM, 0, stream.id, code);
                writer.flush();
            } catch (IOException e) {
                failLater(e);
            }
            closeIfDrained();
        }
        runPendingFailure();
    }

    /** Closes the socket, so the reader thread ends at once, and fails the streams still open with {@code status}. */
    void close(Status status) {
        fail(status);
    }

    // ---- the reader thread ----------------------------------------------------------------

    private void readLoop() {
        FrameReader frames = new FrameReader(socket, Http2.DEFAULT_MAX_FRAME);
        HpackDecoder hpack = new HpackDecoder(4096);
        try {
            while (true) {
                handle(frames.read(), frames, hpack);
            }
        } catch (Http2Exception e) {
            goAway(e.code, e.getMessage());
            fail(Status.INTERNAL.withDescription("the plugin broke the HTTP/2 protocol: " + e.getMessage()));
        } catch (HpackException e) {
            goAway(Http2.COMPRESSION_ERROR, e.getMessage());
            fail(Status.INTERNAL.withDescription("the plugin sent a header block that cannot be decoded: " + e.getMessage()));
        } catch (EOFException | ClosedChannelException e) {
            fail(Status.UNAVAILABLE.withDescription("the plugin closed the connection"));
        } catch (IOException | RuntimeException e) {
            fail(Status.UNAVAILABLE.withDescription("connection to the plugin broke: " + e).withCause(e));
        }
    }

    private void handle(Frame f, FrameReader frames, HpackDecoder hpack) throws IOException {
        switch (f.type()) {
            case Http2.DATA -> data(f);
            case Http2.HEADERS -> headers(f, frames, hpack);
            case Http2.RST_STREAM -> {
                if (f.payload().length != 4) throw new Http2Exception(Http2.FRAME_SIZE_ERROR, "RST_STREAM of " + f.payload().length + " bytes");
                if (f.streamId() == 0) throw new Http2Exception(Http2.PROTOCOL_ERROR, "RST_STREAM on stream 0");
                Http2Stream s = take(f.streamId());
                if (s != null) s.listener.onReset(f.intAt(0));
            }
            case Http2.SETTINGS -> settings(f);
            case Http2.PUSH_PROMISE -> throw new Http2Exception(Http2.PROTOCOL_ERROR, "PUSH_PROMISE although push is disabled");
            case Http2.PING -> {
                if (f.payload().length != 8) throw new Http2Exception(Http2.FRAME_SIZE_ERROR, "PING of " + f.payload().length + " bytes");
                if (!f.has(Http2.FLAG_ACK)) write(Http2.PING, Http2.FLAG_ACK, 0, f.payload());
            }
            case Http2.GOAWAY -> goAwayReceived(f);
            case Http2.WINDOW_UPDATE -> windowUpdate(f);
            case Http2.CONTINUATION -> throw new Http2Exception(Http2.PROTOCOL_ERROR, "CONTINUATION without HEADERS");
            default -> {
                // PRIORITY and frame types we do not know are ignored (RFC 9113 §4.1, §5.5)
            }
        }
    }

    private void data(Frame f) throws IOException {
        if (f.streamId() == 0) throw new Http2Exception(Http2.PROTOCOL_ERROR, "DATA on stream 0");
        byte[] p = f.payload();
        int offset = 0;
        int length = p.length;
        if (f.has(Http2.FLAG_PADDED)) {
            if (p.length == 0) throw new Http2Exception(Http2.PROTOCOL_ERROR, "padded DATA without a pad length");
            offset = 1;
            length = p.length - 1 - (p[0] & 0xff);
            if (length < 0) throw new Http2Exception(Http2.PROTOCOL_ERROR, "DATA padding longer than the frame");
        }
        boolean end = f.has(Http2.FLAG_END_STREAM);
        // flow control counts the whole payload, padding included, for open and closed streams alike
        unacked += p.length;
        if (unacked >= RECEIVE_WINDOW / 2) {
            writeWindowUpdate(0, unacked);
            unacked = 0;
        }
        Http2Stream s = end ? take(f.streamId()) : find(f.streamId());
        if (s == null) return;
        // padding is returned at once; the data when its owner has taken it (see consumed)
        if (!end && p.length > length) consumed(s, p.length - length);
        s.listener.onData(p, offset, length, end);
    }

    private void headers(Frame f, FrameReader frames, HpackDecoder hpack) throws IOException {
        if (f.streamId() == 0) throw new Http2Exception(Http2.PROTOCOL_ERROR, "HEADERS on stream 0");
        byte[] p = f.payload();
        int offset = 0;
        int padding = 0;
        if (f.has(Http2.FLAG_PADDED)) {
            if (p.length == 0) throw new Http2Exception(Http2.PROTOCOL_ERROR, "padded HEADERS without a pad length");
            padding = p[0] & 0xff;
            offset = 1;
        }
        if (f.has(Http2.FLAG_PRIORITY)) offset += 5;
        if (offset + padding > p.length) throw new Http2Exception(Http2.PROTOCOL_ERROR, "HEADERS padding longer than the frame");
        ByteArrayOutputStream block = new ByteArrayOutputStream(p.length);
        block.write(p, offset, p.length - offset - padding);
        boolean endHeaders = f.has(Http2.FLAG_END_HEADERS);
        while (!endHeaders) {
            Frame c = frames.read();
            if (c.type() != Http2.CONTINUATION || c.streamId() != f.streamId()) {
                throw new Http2Exception(Http2.PROTOCOL_ERROR, "header block interrupted by a frame of type " + c.type());
            }
            block.write(c.payload(), 0, c.payload().length);
            if (block.size() > MAX_HEADER_BLOCK) throw new Http2Exception(Http2.PROTOCOL_ERROR, "header block over " + MAX_HEADER_BLOCK + " bytes");
            endHeaders = c.has(Http2.FLAG_END_HEADERS);
        }
        // decoded even for a stream we no longer know: the decoder's table must follow every block
        List<HeaderField> fields = hpack.decode(block.toByteArray());
        boolean end = f.has(Http2.FLAG_END_STREAM);
        Http2Stream s = end ? take(f.streamId()) : find(f.streamId());
        if (s != null) s.listener.onHeaders(fields, end);
    }

    private void settings(Frame f) throws IOException {
        if (f.streamId() != 0) throw new Http2Exception(Http2.PROTOCOL_ERROR, "SETTINGS on stream " + f.streamId());
        byte[] p = f.payload();
        if (f.has(Http2.FLAG_ACK)) {
            if (p.length != 0) throw new Http2Exception(Http2.FRAME_SIZE_ERROR, "SETTINGS ACK with a payload");
            return;
        }
        if (p.length % 6 != 0) throw new Http2Exception(Http2.FRAME_SIZE_ERROR, "SETTINGS of " + p.length + " bytes");
        synchronized (this) {
            for (int i = 0; i < p.length; i += 6) {
                int id = ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
                long value = f.intAt(i + 2) & 0xffffffffL;
                if (id == Http2.SETTINGS_INITIAL_WINDOW_SIZE) {
                    if (value > Http2.MAX_WINDOW) throw new Http2Exception(Http2.FLOW_CONTROL_ERROR, "initial window " + value);
                    long delta = value - peerInitialWindow;
                    for (Http2Stream s : streams.values()) s.sendWindow += delta;
                    peerInitialWindow = (int) value;
                } else if (id == Http2.SETTINGS_MAX_FRAME_SIZE) {
                    if (value < Http2.DEFAULT_MAX_FRAME || value > 0xffffff) throw new Http2Exception(Http2.PROTOCOL_ERROR, "max frame size " + value);
                    peerMaxFrame = (int) value;
                }
                // HEADER_TABLE_SIZE does not concern an encoder that never indexes; the concurrency
                // limit is not enforced (plugins serve a handful of calls at a time); others are ignored
            }
            notifyAll();
        }
        write(Http2.SETTINGS, Http2.FLAG_ACK, 0, new byte[0]);
    }

    private void windowUpdate(Frame f) throws IOException {
        if (f.payload().length != 4) throw new Http2Exception(Http2.FRAME_SIZE_ERROR, "WINDOW_UPDATE of " + f.payload().length + " bytes");
        int increment = f.intAt(0) & 0x7fffffff;
        Http2Stream broken = null;
        synchronized (this) {
            if (f.streamId() == 0) {
                if (increment == 0) throw new Http2Exception(Http2.PROTOCOL_ERROR, "connection WINDOW_UPDATE of 0");
                sendWindow += increment;
                if (sendWindow > Http2.MAX_WINDOW) throw new Http2Exception(Http2.FLOW_CONTROL_ERROR, "connection window over 2^31-1");
            } else {
                Http2Stream s = streams.get(f.streamId());
                if (s != null) {
                    s.sendWindow += increment;
                    if (increment == 0 || s.sendWindow > Http2.MAX_WINDOW) broken = s;
                }
            }
            notifyAll();
        }
        if (broken != null) {
            reset(broken, increment == 0 ? Http2.PROTOCOL_ERROR : Http2.FLOW_CONTROL_ERROR);
            broken.listener.onFailure(Status.INTERNAL.withDescription("the plugin sent an invalid WINDOW_UPDATE"));
        }
    }

    private void goAwayReceived(Frame f) throws IOException {
        if (f.payload().length < 8) throw new Http2Exception(Http2.FRAME_SIZE_ERROR, "GOAWAY of " + f.payload().length + " bytes");
        int last = f.intAt(0) & 0x7fffffff;
        int code = f.intAt(4);
        String debug = new String(f.payload(), 8, f.payload().length - 8, StandardCharsets.UTF_8);
        List<Http2Stream> refused = new ArrayList<>();
        synchronized (this) {
            goingAway = true;
            for (Http2Stream s : List.copyOf(streams.values())) {
                if (s.id > last) {
                    remove(s);
                    refused.add(s);
                }
            }
            notifyAll();
        }
        Status status = Status.UNAVAILABLE.withDescription("the plugin refused the call (GOAWAY, HTTP/2 error " + code
                + (debug.isEmpty() ? "" : ": " + debug) + ")");
        refused.forEach(s -> s.listener.onFailure(status));
        synchronized (this) {
            closeIfDrained();
        }
    }

    // ---- shared helpers -------------------------------------------------------------------

    private synchronized Http2Stream find(int id) {
        return streams.get(id);
    }

    private synchronized Http2Stream take(int id) {
        Http2Stream s = streams.get(id);
        if (s != null) {
            remove(s);
            closeIfDrained();
        }
        return s;
    }

    private void remove(Http2Stream s) {
        streams.remove(s.id);
        s.closed = true;
        notifyAll();
    }

    /** After a GOAWAY, the connection goes once its last stream has ended. */
    private void closeIfDrained() {
        if (goingAway && streams.isEmpty() && closedWith == null) {
            closedWith = Status.UNAVAILABLE.withDescription("the plugin closed the connection (GOAWAY)");
            closeSocket();
        }
    }

    private void write(int type, int flags, int stream, byte[] payload) throws IOException {
        synchronized (this) {
            if (closedWith != null) return;
            writer.frame(type, flags, stream, payload);
            writer.flush();
        }
    }

    private void writeWindowUpdate(int stream, int increment) throws IOException {
        synchronized (this) {
            if (closedWith != null) return;
            writer.intFrame(Http2.WINDOW_UPDATE, 0, stream, increment);
            writer.flush();
        }
    }

    private void goAway(int code, String message) {
        byte[] debug = String.valueOf(message).getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[8 + Math.min(debug.length, 256)];
        payload[7] = (byte) code;
        payload[6] = (byte) (code >>> 8);
        System.arraycopy(debug, 0, payload, 8, payload.length - 8);
        try {
            write(Http2.GOAWAY, 0, 0, payload);
        } catch (IOException ignored) {
            // the connection is being torn down anyway
        }
    }

    private IOException pendingFailure;

    /** Under the lock: a write failed; the streams are failed once the lock is released. */
    private void failLater(IOException e) {
        if (pendingFailure == null) pendingFailure = e;
    }

    private void runPendingFailure() {
        IOException e;
        synchronized (this) {
            e = pendingFailure;
            pendingFailure = null;
        }
        if (e != null) fail(Status.UNAVAILABLE.withDescription("connection to the plugin broke: " + e.getMessage()).withCause(e));
    }

    private void fail(Status status) {
        List<Http2Stream> open;
        synchronized (this) {
            if (closedWith == null) closedWith = status;
            open = new ArrayList<>(streams.values());
            open.forEach(this::remove);
            closeSocket();
        }
        open.forEach(s -> s.listener.onFailure(status));
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
