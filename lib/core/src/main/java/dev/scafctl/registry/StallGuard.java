package dev.scafctl.registry;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends a transfer that stopped moving. Reads need no guard (every read of a registry connection
 * carries the socket's timeout), but the JDK has no timeout for a write: a registry that stops
 * taking an upload would block it forever. The guard runs an abort action, closing the connection,
 * once {@link #moved()} has not been called for the timeout; the blocked write then fails, and the
 * caller reports a {@link StalledException}.
 */
final class StallGuard implements AutoCloseable {
    /** The registry client's one timer thread; what it runs must not block (see {@link Deadline}). */
    static final ScheduledExecutorService TIMER = timer();

    /**
     * Every request schedules a deadline that its end cancels, most of them minutes away: cancelled
     * tasks leave the queue at once instead of piling up in a long-lived process.
     */
    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "scafctl-registry-watchdog");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** The registry sent or took nothing for the whole timeout. */
    static final class StalledException extends IOException {
        StalledException(Duration timeout) {
            super("no data for " + RetryPolicy.format(timeout));
        }
    }

    private final long timeoutNanos;
    private final Runnable abort;
    private volatile ScheduledFuture<?> check;
    private volatile long lastMoved = System.nanoTime();
    private volatile boolean fired;

    private StallGuard(Duration timeout, Runnable abort) {
        this.timeoutNanos = timeout.toNanos();
        this.abort = abort;
        long period = Math.max(5, timeout.toMillis() / 4);
        check = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts watching; {@link #close()} stops it. */
    static StallGuard watch(Duration timeout, Runnable abort) {
        return new StallGuard(timeout, abort);
    }

    /** The transfer made progress. */
    void moved() {
        lastMoved = System.nanoTime();
    }

    /** Whether the guard gave up on the transfer (then a failure of it is the stall's, not the network's). */
    boolean fired() {
        return fired;
    }

    private void check() {
        if (fired || System.nanoTime() - lastMoved <= timeoutNanos) return;
        fired = true;
        stop();
        abort.run();
    }

    @Override
    public void close() {
        stop();
    }

    private void stop() {
        ScheduledFuture<?> c = check;
        if (c != null) c.cancel(false);
    }
}
