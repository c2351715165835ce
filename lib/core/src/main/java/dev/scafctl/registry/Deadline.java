package dev.scafctl.registry;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends an exchange that moves too slowly to ever finish. The socket's timeout only notices a
 * registry that stops; one that sends a byte every few seconds keeps each read within it forever.
 * So each exchange (the request, the answer's head and its body) gets a time allowance scaled to
 * the bytes it moves ({@link RetryPolicy#allowance}); when it runs out, the connection is closed,
 * and whatever was waiting on it fails with a {@link TooSlowException}.
 *
 * <p>The abort runs off the timer thread: closing a connection can wait for a read in progress
 * to return, and the timer must stay free for every other transfer of the process.
 */
final class Deadline implements AutoCloseable {
    private static final ExecutorService ABORTS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scafctl-registry-deadline");
        t.setDaemon(true);
        return t;
    });

    /** The exchange moved less than the minimum rate for longer than its allowance. */
    static final class TooSlowException extends IOException {
        final boolean upload;
        final long minRate;
        final Duration after;

        TooSlowException(boolean upload, long minRate, Duration after) {
            super("slower than " + RetryPolicy.formatRate(minRate) + " for " + RetryPolicy.format(after));
            this.upload = upload;
            this.minRate = minRate;
            this.after = after;
        }
    }

    private final RetryPolicy policy;
    private final Runnable abort;
    private final long start = System.nanoTime();
    private Duration allowed;
    private ScheduledFuture<?> task;
    private boolean closed;
    private volatile boolean fired;

    private Deadline(RetryPolicy policy, Runnable abort) {
        this.policy = policy;
        this.abort = abort;
    }

    /** Starts the clock for an exchange expected to move {@code bytes}; {@link #allow} may raise it later. */
    static Deadline start(RetryPolicy policy, long bytes, Runnable abort) {
        Deadline d = new Deadline(policy, abort);
        d.allow(bytes);
        return d;
    }

    /** The exchange turns out to move {@code bytes} in all (the answer's size is known once its head arrived). */
    synchronized void allow(long bytes) {
        if (closed || fired) return;
        allowed = policy.allowance(bytes);
        if (task != null) task.cancel(false);
        long allowedNanos;
        try {
            allowedNanos = allowed.toNanos();
        } catch (ArithmeticException e) {
            // a descriptor may declare any size; centuries are as good as never
            allowedNanos = Long.MAX_VALUE;
        }
        long left = allowedNanos - (System.nanoTime() - start);
        task = StallGuard.TIMER.schedule(this::fire, Math.max(0, left), TimeUnit.NANOSECONDS);
    }

    private void fire() {
        synchronized (this) {
            if (closed) return;
            fired = true;
        }
        ABORTS.execute(abort);
    }

    boolean fired() {
        return fired;
    }

    /** The failure to report once {@link #fired()}, naming the allowance that ran out. */
    synchronized TooSlowException failure(boolean upload) {
        return new TooSlowException(upload, policy.minRate(), allowed);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (task != null) task.cancel(false);
    }
}
