package dev.scafctl.registry;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * One HTTP/1.1 exchange at a time over {@link HttpURLConnection}: a request, then its status,
 * headers and body as a stream. Auth, redirects and retries are the caller's
 * ({@link HttpRegistryClient}). Connections are kept alive and reused by the JDK when an answer is
 * read to its end.
 *
 * <p>Why not {@code java.net.http}: it hands a body over through a chain of asynchronous
 * subscribers, and a 256 MiB blob took 1.6 s and 1.1 s of CPU through it against 0.45 s and 0.12 s
 * here; building its client (a selector thread, a TLS context even for plain HTTP) also cost about
 * 0.2 s of every command that talks to a registry.
 *
 * <p>Timeouts: connecting, and every read (the answer's head and each chunk of its body), under the
 * socket's own timeout, so a registry that goes silent mid-blob is noticed without a watchdog. A
 * write has no timeout in the JDK, so an upload is watched by a {@link StallGuard} that closes the
 * connection once the registry stops taking bytes. And every exchange as a whole has a
 * {@link Deadline} scaled to its size, for a registry that never stops but hardly moves.
 */
final class HttpTransport {
    /** Connecting (and, over TLS, the handshake) took longer than the timeout. */
    static final class ConnectTimeoutException extends ConnectException {
        ConnectTimeoutException(Duration timeout) {
            super("no connection within " + RetryPolicy.format(timeout));
        }
    }

    /** What a request sends; written again for each attempt. */
    interface Body {
        long length();

        /** Writes all {@link #length()} bytes, telling {@code written} the count so far after each chunk. */
        void writeTo(OutputStream out, LongConsumer written) throws IOException;

        static Body of(byte[] bytes) {
            return new Body() {
                @Override
                public long length() {
                    return bytes.length;
                }

                @Override
                public void writeTo(OutputStream out, LongConsumer written) throws IOException {
                    out.write(bytes);
                    written.accept(bytes.length);
                }
            };
        }

        /** A file of {@code size} bytes, read from disk for each attempt. */
        static Body of(Path file, long size) {
            return new Body() {
                @Override
                public long length() {
                    return size;
                }

                @Override
                public void writeTo(OutputStream out, LongConsumer written) throws IOException {
                    try (FileChannel ch = FileChannel.open(file)) {
                        byte[] buf = new byte[CHUNK];
                        ByteBuffer bb = ByteBuffer.wrap(buf);
                        long done = 0;
                        while (done < size) {
                            bb.clear().limit((int) Math.min(buf.length, size - done));
                            int n = ch.read(bb);
                            if (n < 0) throw new IOException(file + " ended after " + done + " of its " + size + " bytes");
                            out.write(buf, 0, n);
                            written.accept(done += n);
                        }
                    }
                }
            };
        }
    }

    /** Bytes per read or write of a blob: per-chunk costs vanish at this size, and a few chunks are nothing in a 64 MiB heap. */
    static final int CHUNK = 1 << 18;

    private final SSLSocketFactory tls;
    private final RetryPolicy policy;
    private final Duration timeout;

    /** @param tls the trust for HTTPS, or null when every request is plain HTTP */
    HttpTransport(SSLContext tls, RetryPolicy policy) {
        this.tls = tls == null ? null : tls.getSocketFactory();
        this.policy = policy;
        this.timeout = policy.timeout();
    }

    /**
     * Sends one request and waits for the head of its answer. The exchange's {@link Deadline} starts
     * here, allowing for the request body; {@link Response#body} extends it by the answer's size.
     *
     * @param body     null for none
     * @param progress told how many body bytes the registry has taken so far; may be null
     * @throws StallGuard.StalledException when the registry stopped answering or taking the body for the timeout
     * @throws Deadline.TooSlowException  when the exchange ran past its deadline
     */
    Response send(String method, URI uri, Map<String, String> headers, Body body, LongConsumer progress) throws IOException {
        if (!isHttp(uri)) throw new IllegalArgumentException("not an http(s) URL: " + uri.getScheme());
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        if (c instanceof HttpsURLConnection https && tls != null) https.setSSLSocketFactory(tls);
        c.setRequestMethod(method);
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        c.setConnectTimeout(millis);
        c.setReadTimeout(millis);
        // without one, the JDK sends a browser's list (text/html, image/gif, ...)
        c.setRequestProperty("Accept", "*/*");
        headers.forEach(c::setRequestProperty);
        long sent = body == null ? 0 : body.length();
        if (body != null) {
            c.setDoOutput(true);
            // streamed, never buffered whole; this also keeps the JDK from sending a body a second time by itself
            c.setFixedLengthStreamingMode(body.length());
        }
        Deadline deadline = Deadline.start(policy, sent, c::disconnect);
        boolean answered = false;
        try {
            try {
                c.connect();
            } catch (SocketTimeoutException e) {
                c.disconnect();
                if (deadline.fired()) throw deadline.failure(false);
                throw new ConnectTimeoutException(timeout);
            } catch (IOException | RuntimeException e) {
                c.disconnect();
                if (deadline.fired()) throw deadline.failure(false);
                throw e;
            }
            if (body != null) upload(c, body, progress == null ? n -> { } : progress, deadline);
            int status;
            try {
                status = c.getResponseCode();
            } catch (HttpRetryException e) {
                // the JDK's way of reporting a 401 to a streamed body, which it cannot send again itself
                status = e.responseCode();
            } catch (SocketTimeoutException e) {
                c.disconnect();
                if (deadline.fired()) throw deadline.failure(false);
                throw new StallGuard.StalledException(timeout);
            } catch (IOException | RuntimeException e) {
                c.disconnect();
                if (deadline.fired()) throw deadline.failure(false);
                throw e;
            }
            if (deadline.fired()) {
                c.disconnect();
                throw deadline.failure(false);
            }
            if (status < 100) {
                c.disconnect();
                throw new IOException("the answer is not HTTP");
            }
            answered = true;
            return new Response(c, method, uri, status, timeout, deadline, sent);
        } finally {
            if (!answered) deadline.close();
        }
    }

    /** An absolute http or https URL, the only kind this transport opens. */
    static boolean isHttp(URI uri) {
        return uri.isAbsolute() && uri.getHost() != null
                && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
    }

    private void upload(HttpURLConnection c, Body body, LongConsumer progress, Deadline deadline) throws IOException {
        // closing the connection is what wakes a write blocked on a registry that stopped reading
        try (StallGuard guard = StallGuard.watch(timeout, c::disconnect)) {
            try (OutputStream out = c.getOutputStream()) {
                body.writeTo(out, n -> {
                    guard.moved();
                    progress.accept(n);
                });
            } catch (IOException | RuntimeException e) {
                c.disconnect();
                if (guard.fired()) throw new StallGuard.StalledException(timeout);
                if (deadline.fired()) throw deadline.failure(true);
                throw e;
            }
        }
    }

    /** The answer to one request. {@link #close()} it, or {@link #abandon()} it when its body is not read to the end. */
    static final class Response implements AutoCloseable {
        private final HttpURLConnection conn;
        private final String method;
        private final URI uri;
        private final int status;
        private final Duration timeout;
        private final Deadline deadline;
        private final long sent;
        private InputStream body;

        private Response(HttpURLConnection conn, String method, URI uri, int status, Duration timeout, Deadline deadline,
                         long sent) {
            this.conn = conn;
            this.timeout = timeout;
            this.deadline = deadline;
            this.sent = sent;
            this.method = method;
            this.uri = uri;
            this.status = status;
        }

        int status() {
            return status;
        }

        URI uri() {
            return uri;
        }

        String method() {
            return method;
        }

        /** The first value of a header, or null. */
        String header(String name) {
            return conn.getHeaderField(name);
        }

        /** The declared body length, or -1 when the answer does not say. */
        long contentLength() {
            return conn.getContentLengthLong();
        }

        /**
         * The body, never null. {@code maxBytes} is the most the caller will read (a blob's declared size,
         * a manifest's limit): with the answer's Content-Length, it sizes the exchange's deadline. A read
         * that waits longer than the timeout throws {@link StallGuard.StalledException}; one past the
         * deadline, {@link Deadline.TooSlowException}.
         */
        InputStream body(long maxBytes) throws IOException {
            if (body == null) {
                boolean none = method.equals("HEAD") || status == 204 || status == 304;
                long declared = none ? -1 : contentLength();
                long answer = none ? 0 : declared >= 0 ? Math.min(declared, maxBytes) : maxBytes;
                deadline.allow(answer > Long.MAX_VALUE - sent ? Long.MAX_VALUE : sent + answer);
                InputStream in = none ? null : status >= 400 ? conn.getErrorStream() : conn.getInputStream();
                body = new TimedBody(in == null ? InputStream.nullInputStream() : in, conn, timeout, declared, deadline);
            }
            return body;
        }

        /** Done: a body read to its end leaves the connection for the next request, anything else closes it. */
        @Override
        public void close() {
            // before the connection can go back to the pool, where a late abort would close it under another request
            deadline.close();
            try {
                if (body != null) body.close();
            } catch (IOException e) {
                conn.disconnect();
            }
        }

        /** Closes the connection without reading the rest of the body. */
        void abandon() {
            deadline.close();
            conn.disconnect();
        }
    }

    /**
     * A body whose read timeouts are reported as stalls, whose reads past the exchange's deadline
     * fail as too slow, that fails when it ends short of its Content-Length (the JDK's stream just
     * ends, as if the body were complete), and whose failures close the connection.
     */
    private static final class TimedBody extends FilterInputStream {
        private final HttpURLConnection conn;
        private final Duration timeout;
        private final long expected;
        private final Deadline deadline;
        private long count;

        TimedBody(InputStream in, HttpURLConnection conn, Duration timeout, long expected, Deadline deadline) {
            super(in);
            this.conn = conn;
            this.timeout = timeout;
            this.expected = expected;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n;
                try {
                    n = in.read(b, off, len);
                } catch (SocketTimeoutException e) {
                    if (deadline.fired()) throw deadline.failure(false);
                    throw new StallGuard.StalledException(timeout);
                }
                // a read can succeed just before the abort lands; the deadline is what was missed
                if (deadline.fired()) throw deadline.failure(false);
                if (n > 0) count += n;
                if (n < 0 && expected >= 0 && count < expected) {
                    throw new EOFException("the answer ended after " + count + " of its " + expected + " bytes");
                }
                return n;
            } catch (IOException e) {
                conn.disconnect();
                if (deadline.fired() && !(e instanceof Deadline.TooSlowException)) throw deadline.failure(false);
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            // through read, so that skipping is timed too
            byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(1, n))];
            long left = n;
            while (left > 0) {
                int r = read(buf, 0, (int) Math.min(buf.length, left));
                if (r < 0) break;
                left -= r;
            }
            return n - left;
        }
    }
}
