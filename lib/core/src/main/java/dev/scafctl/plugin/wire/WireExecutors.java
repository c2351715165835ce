package dev.scafctl.plugin.wire;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the transport shares: connection readers, listener callbacks of calls that name no
 * executor, and deadline timers. Daemons all; readers and callbacks are pooled, since a plugin
 * start that made its own thread would pay more for it than for its round trips.
 */
final class WireExecutors {
    private WireExecutors() {
    }

    static ExecutorService readers() {
        return Readers.POOL;
    }

    static ExecutorService callbacks() {
        return Callbacks.POOL;
    }

    static ScheduledExecutorService timer() {
        return Timer.TIMER;
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static final class Readers {
        static final ExecutorService POOL = Executors.newCachedThreadPool(daemons("scafctl-wire-reader"));
    }

    private static final class Callbacks {
        static final ExecutorService POOL = Executors.newCachedThreadPool(daemons("scafctl-wire-callback"));
    }

    private static final class Timer {
        static final ScheduledExecutorService TIMER = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons("scafctl-wire-deadline"));
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }
}
