package dev.scafctl.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body that fails when a read waits longer than the timeout. java.net.http's request
 * timeout ends once the response headers arrive, so without this a registry that stops sending
 * mid-body would hang a download forever. Only time spent inside {@code read} counts: a caller
 * that is slow to write what it read (a slow disk) is not the registry's fault.
 */
final class StallGuard extends FilterInputStream {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scafctl-registry-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** The registry sent nothing for the whole timeout. */
    static final class StalledException extends IOException {
        StalledException(Duration timeout) {
            super("no data for " + RetryPolicy.format(timeout));
        }
    }

    private final Duration timeout;
    private volatile boolean reading;
    private volatile long readingSince;
    private volatile boolean stalled;
    private volatile ScheduledFuture<?> check;

    StallGuard(InputStream in, Duration timeout) {
        super(in);
        this.timeout = timeout;
        long period = Math.max(5, timeout.toMillis() / 4);
        check = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (!reading || System.nanoTime() - readingSince <= timeout.toNanos()) return;
        stalled = true;
        stopChecking();
        try {
            // closing from another thread is what wakes a blocked read of java.net.http's body stream
            in.close();
        } catch (IOException ignored) {
            // the reader sees the failure either way
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (stalled) throw new StalledException(timeout);
        readingSince = System.nanoTime();
        reading = true;
        try {
            int n = in.read(b, off, len);
            if (n < 0 && stalled) throw new StalledException(timeout);
            return n;
        } catch (IOException e) {
            if (stalled) throw new StalledException(timeout);
            throw e;
        } finally {
            reading = false;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        // through read, so skipping is watched too
        byte[] buf = new byte[(int) Math.min(1 << 16, Math.max(1, n))];
        long left = n;
        while (left > 0) {
            int r = read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) break;
            left -= r;
        }
        return n - left;
    }

    @Override
    public void close() throws IOException {
        stopChecking();
        in.close();
    }

    private void stopChecking() {
        ScheduledFuture<?> c = check;
        if (c != null) c.cancel(false);
    }
}
