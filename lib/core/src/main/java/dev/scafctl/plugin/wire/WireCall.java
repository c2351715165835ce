package dev.scafctl.plugin.wire;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One gRPC call on one HTTP/2 stream. The reader thread feeds it frames; the listener hears about
 * them on the call's executor, one callback at a time, in order. A call that sends one message
 * (unary, server streaming) holds its HEADERS until halfClose, so the request leaves in one write.
 */
final class WireCall<Q, R> extends ClientCall<Q, R> implements Http2Stream.Listener {
    /** Queued, undelivered message octets from which received data is no longer returned to the peer's window at once. */
    static final long HELD_BACK_FROM = 1 << 20;

    private final WireChannel channel;
    private final MethodDescriptor<Q, R> method;
    private final Executor executor;
    private final Deadline deadline;
    private final MessageReader reader; // reader thread only
    private final boolean sendsOneMessage;
    private final AtomicInteger pendingDrains = new AtomicInteger();

    // guarded by this
    private Listener<R> listener;
    private byte[] requestHeaders;
    private byte[] heldMessage;
    private Http2Connection connection;
    private Http2Stream stream;
    private boolean halfClosed;
    private boolean readyPending;
    private boolean responseStarted;
    private int httpStatus;
    private Metadata responseHeaders;
    private boolean headersDelivered;
    private final ArrayDeque<byte[]> inbound = new ArrayDeque<>();
    /** Octets of the messages in {@code inbound}, and received octets not yet returned to the stream's window. */
    private long queuedBytes;
    private long withheld;
    private int requested;
    private Status status;
    private Metadata trailers;
    private boolean closeDelivered;
    private ScheduledFuture<?> deadlineTimer;

    WireCall(WireChannel channel, MethodDescriptor<Q, R> method, CallOptions options, int maxInbound) {
        this.channel = channel;
        this.method = method;
        this.executor = options.getExecutor() != null ? options.getExecutor() : WireExecutors.callbacks();
        this.deadline = earliest(options.getDeadline(), Context.current().getDeadline());
        Integer limit = options.getMaxInboundMessageSize();
        this.reader = new MessageReader(limit != null ? limit : maxInbound);
        this.sendsOneMessage = method.getType().clientSendsOneMessage();
    }

    private static Deadline earliest(Deadline a, Deadline b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.minimum(b);
    }

    @Override
    public void start(Listener<R> responseListener, Metadata headers) {
        synchronized (this) {
            if (listener != null) throw new IllegalStateException("call already started");
            listener = responseListener;
            readyPending = true;
        }
        if (deadline != null && deadline.isExpired()) {
            finish(Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded before the call started"), false);
            return;
        }
        List<HeaderField> extra = new ArrayList<>(2);
        if (deadline != null) {
            long nanos = deadline.timeRemaining(TimeUnit.NANOSECONDS);
            extra.add(new HeaderField("grpc-timeout", GrpcWire.timeout(nanos)));
            ScheduledFuture<?> timer = WireExecutors.timer().schedule(this::deadlineExceeded, nanos, TimeUnit.NANOSECONDS);
            synchronized (this) {
                deadlineTimer = timer;
                if (status != null) timer.cancel(false);
            }
        }
        GrpcWire.addMetadata(extra, headers);
        // the fixed part of the block is encoded once per method: HPACK blocks without indexing concatenate
        byte[] fixed = channel.requestHeaders(method.getFullMethodName());
        byte[] block = fixed;
        if (!extra.isEmpty()) {
            byte[] more = HpackEncoder.encode(extra);
            block = java.util.Arrays.copyOf(fixed, fixed.length + more.length);
            System.arraycopy(more, 0, block, fixed.length, more.length);
        }
        synchronized (this) {
            requestHeaders = block;
        }
        if (!sendsOneMessage) openStream(null, false);
        schedule();
    }

    @Override
    public void sendMessage(Q message) {
        byte[] framed;
        try (InputStream in = method.streamRequest(message)) {
            byte[] bytes = in.readAllBytes();
            framed = new byte[5 + bytes.length];
            framed[1] = (byte) (bytes.length >>> 24);
            framed[2] = (byte) (bytes.length >>> 16);
            framed[3] = (byte) (bytes.length >>> 8);
            framed[4] = (byte) bytes.length;
            System.arraycopy(bytes, 0, framed, 5, bytes.length);
        } catch (IOException | RuntimeException e) {
            cancel("the request could not be serialized", e);
            return;
        }
        Http2Connection c;
        Http2Stream s;
        synchronized (this) {
            if (listener == null) throw new IllegalStateException("call not started");
            if (halfClosed) throw new IllegalStateException("call already half-closed");
            if (status != null) return;
            if (sendsOneMessage) {
                if (heldMessage != null) throw new IllegalStateException(method.getType() + " call sends one message");
                heldMessage = framed;
                return;
            }
            c = connection;
            s = stream;
        }
        if (s != null) send(c, s, framed, false);
    }

    @Override
    public void halfClose() {
        Http2Connection c;
        Http2Stream s;
        byte[] held;
        synchronized (this) {
            if (listener == null) throw new IllegalStateException("call not started");
            if (halfClosed) throw new IllegalStateException("call already half-closed");
            halfClosed = true;
            if (status != null) return;
            c = connection;
            s = stream;
            held = heldMessage;
            heldMessage = null;
        }
        if (sendsOneMessage) {
            openStream(held, true);
        } else if (s != null) {
            send(c, s, new byte[0], true);
        }
    }

    @Override
    public void request(int numMessages) {
        synchronized (this) {
            requested = (int) Math.min(Integer.MAX_VALUE, (long) requested + numMessages);
        }
        schedule();
    }

    @Override
    public void cancel(String message, Throwable cause) {
        if (message == null && cause == null) message = "cancelled without a message";
        finish(Status.CANCELLED.withDescription(message).withCause(cause), true);
    }

    @Override
    public synchronized boolean isReady() {
        return status == null && !halfClosed && (sendsOneMessage || stream != null);
    }

    private void openStream(byte[] data, boolean endStream) {
        byte[] fields;
        synchronized (this) {
            if (status != null) return;
            fields = requestHeaders;
            requestHeaders = null;
        }
        Http2Connection c;
        Http2Stream s;
        try {
            c = channel.connection();
            s = c.open(this, fields, data, endStream);
        } catch (IOException e) {
            finish(Status.UNAVAILABLE.withDescription("cannot call the plugin at " + channel.address() + ": " + e.getMessage())
                    .withCause(e), false);
            return;
        }
        boolean finishedMeanwhile;
        synchronized (this) {
            connection = c;
            stream = s;
            finishedMeanwhile = status != null && !status.isOk();
        }
        if (finishedMeanwhile) c.reset(s, Http2.CANCEL); // a no-op when the stream has ended already
    }

    private void giveBack(int bytes) {
        if (bytes <= 0) return;
        Http2Connection c;
        Http2Stream s;
        synchronized (this) {
            c = connection;
            s = stream;
            if (s == null) withheld += bytes; // the answer outran openStream; returned with the next delivery
        }
        if (s != null) c.consumed(s, bytes);
    }

    private void send(Http2Connection c, Http2Stream s, byte[] data, boolean endStream) {
        try {
            c.send(s, data, endStream);
        } catch (IOException e) {
            finish(Status.UNAVAILABLE.withDescription("cannot send to the plugin: " + e.getMessage()).withCause(e), false);
        }
    }

    private void deadlineExceeded() {
        double seconds = deadline == null ? 0 : -deadline.timeRemaining(TimeUnit.NANOSECONDS) / 1e9;
        finish(Status.DEADLINE_EXCEEDED.withDescription(String.format(Locale.ROOT, "deadline exceeded (%.3f s late)", Math.max(0, seconds))), true);
    }

    /** Ends the call with {@code s} unless it has ended already; {@code reset} tells the peer with RST_STREAM. */
    private void finish(Status s, boolean reset) {
        finish(s, new Metadata(), reset);
    }

    private void finish(Status s, Metadata md, boolean reset) {
        Http2Connection c;
        Http2Stream st;
        synchronized (this) {
            if (status != null) return;
            status = s;
            trailers = md;
            if (deadlineTimer != null) deadlineTimer.cancel(false);
            c = connection;
            st = stream;
        }
        if (reset && st != null) c.reset(st, Http2.CANCEL);
        schedule();
    }

    // ---- from the reader thread --------------------------------------------------------------

    @Override
    public void onHeaders(List<HeaderField> fields, boolean endStream) {
        boolean first;
        synchronized (this) {
            first = !responseStarted;
            responseStarted = true;
        }
        if (!first) {
            trailers(fields, endStream);
            return;
        }
        String code = GrpcWire.value(fields, ":status");
        int http;
        try {
            http = code == null ? 0 : Integer.parseInt(code);
        } catch (NumberFormatException e) {
            http = 0;
        }
        synchronized (this) {
            httpStatus = http;
        }
        if (endStream) { // trailers-only
            trailers(fields, true);
            return;
        }
        String type = GrpcWire.value(fields, "content-type");
        if (http != 200) {
            finish(GrpcWire.fromHttp(http), GrpcWire.toMetadata(fields), true);
        } else if (type == null || !type.startsWith(GrpcWire.CONTENT_TYPE)) {
            finish(Status.UNKNOWN.withDescription("the plugin answered with content-type " + type + ", not gRPC"),
                    GrpcWire.toMetadata(fields), true);
        } else {
            synchronized (this) {
                responseHeaders = GrpcWire.toMetadata(fields);
            }
            schedule();
        }
    }

    private void trailers(List<HeaderField> fields, boolean endStream) {
        String code = GrpcWire.value(fields, "grpc-status");
        Status s;
        int http;
        synchronized (this) {
            http = httpStatus;
        }
        if (code != null) {
            try {
                s = Status.fromCodeValue(Integer.parseInt(code.trim()));
            } catch (NumberFormatException e) {
                s = Status.UNKNOWN.withDescription("the plugin sent grpc-status " + code);
            }
            String message = GrpcWire.value(fields, "grpc-message");
            if (message != null) s = s.withDescription(GrpcWire.percentDecode(message));
        } else if (http != 200 && http != 0) {
            s = GrpcWire.fromHttp(http);
        } else {
            s = Status.INTERNAL.withDescription("the plugin ended the call without a gRPC status");
        }
        if (s.isOk() && reader.isInsideMessage()) {
            s = Status.INTERNAL.withDescription("the plugin ended the call in the middle of a message");
        }
        finish(s, GrpcWire.toMetadata(fields), !endStream);
    }

    @Override
    public void onData(byte[] data, int offset, int length, boolean endStream) {
        try {
            reader.feed(data, offset, length, message -> {
                synchronized (this) {
                    if (status == null) {
                        inbound.add(message);
                        queuedBytes += 5 + message.length;
                    }
                }
            });
        } catch (StatusException e) {
            finish(e.getStatus(), true);
            return;
        }
        // while under a megabyte of messages waits for the listener, received octets go back to the
        // peer's window at once (so a message larger than the window still arrives whole); beyond
        // that, only as the listener takes messages
        boolean returnNow;
        synchronized (this) {
            returnNow = queuedBytes < HELD_BACK_FROM;
            if (!returnNow) withheld += length;
        }
        if (returnNow && !endStream) giveBack(length);
        schedule();
        if (endStream) finish(Status.INTERNAL.withDescription("the plugin ended the call without trailers"), false);
    }

    @Override
    public void onReset(int code) {
        finish(GrpcWire.fromReset(code), false);
    }

    @Override
    public void onFailure(Status s) {
        finish(s, false);
    }

    // ---- delivery on the call's executor -----------------------------------------------------

    private void schedule() {
        if (pendingDrains.getAndIncrement() != 0) return;
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            pendingDrains.set(0);
        }
    }

    private void drain() {
        int missed = 1;
        do {
            deliver();
            missed = pendingDrains.addAndGet(-missed);
        } while (missed != 0);
    }

    private void deliver() {
        while (true) {
            Listener<R> l;
            Runnable action;
            synchronized (this) {
                l = listener;
                if (closeDelivered || l == null) return;
                if (status != null && !status.isOk()) {
                    closeDelivered = true;
                    Status s = status;
                    Metadata t = trailers;
                    action = () -> l.onClose(s, t);
                } else if (readyPending) {
                    readyPending = false;
                    action = l::onReady;
                } else if (responseHeaders != null && !headersDelivered) {
                    headersDelivered = true;
                    Metadata h = responseHeaders;
                    action = () -> l.onHeaders(h);
                } else if (requested > 0 && !inbound.isEmpty()) {
                    requested--;
                    byte[] m = inbound.poll();
                    queuedBytes -= 5 + m.length;
                    int release = 0;
                    if (withheld > 0 && queuedBytes < HELD_BACK_FROM) {
                        release = (int) withheld;
                        withheld = 0;
                    }
                    int back = release;
                    action = () -> {
                        giveBack(back);
                        onMessage(l, m);
                    };
                } else if (status != null && inbound.isEmpty()) {
                    closeDelivered = true;
                    Status s = status;
                    Metadata t = trailers;
                    action = () -> l.onClose(s, t);
                } else {
                    return;
                }
            }
            try {
                action.run();
            } catch (RuntimeException e) {
                finish(Status.CANCELLED.withDescription("the call's listener failed").withCause(e), true);
            }
        }
    }

    private void onMessage(Listener<R> l, byte[] message) {
        R value;
        try {
            value = method.parseResponse(new ByteArrayInputStream(message));
        } catch (RuntimeException e) {
            finish(Status.INTERNAL.withDescription("cannot parse the plugin's response to " + method.getFullMethodName()).withCause(e), true);
            return;
        }
        l.onMessage(value);
    }
}
