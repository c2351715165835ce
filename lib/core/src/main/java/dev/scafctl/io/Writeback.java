package dev.scafctl.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a large file back to disk while it is still being written, so that the fsync before its
 * rename waits for the last few MiB instead of the whole file. Without it the kernel keeps a blob
 * in the page cache (its own writeback starts only at a tenth of memory), and the final fsync
 * writes all of it while the process waits: 0.1 s or more for 256 MiB. The order the callers
 * promise does not change: nothing is renamed into place before {@link #finish} has fsynced the
 * whole file.
 */
public final class Writeback {
    /** Bytes written between two background syncs. */
    private static final long EVERY = 16L << 20;
    private static final ExecutorService SYNCS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scafctl-writeback");
        t.setDaemon(true);
        return t;
    });

    private final FileChannel ch;
    private long unsynced;
    private Future<?> running;

    public Writeback(FileChannel ch) {
        this.ch = ch;
    }

    /**
     * Notes {@code n} more bytes written to the channel; every {@link #EVERY} bytes, starts a sync of
     * what is written so far on another thread, unless one is still running.
     *
     * @throws IOException when an earlier background sync failed
     */
    public void wrote(long n) throws IOException {
        unsynced += n;
        if (unsynced < EVERY) return;
        if (running != null) {
            if (!running.isDone()) return;
            await();
        }
        unsynced = 0;
        running = SYNCS.submit(() -> {
            try {
                ch.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Waits for a background sync, then fsyncs the file, data and metadata. */
    public void finish() throws IOException {
        if (running != null) await();
        ch.force(true);
    }

    private void await() throws IOException {
        Future<?> f = running;
        running = null;
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while syncing a file");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) throw u.getCause();
            throw new IOException(e.getCause());
        }
    }
}
