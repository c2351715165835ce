package dev.scafctl.event;

import dev.scafctl.event.Event.Transfer.Direction;
import dev.scafctl.plugin.Platform;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/**
 * Reports one {@link Event.Transfer} to a listener: once when it starts (so a bar shows before the
 * first MiB has come over a slow link), at most once per MiB moved while it runs (a hundred events
 * for a 100 MiB binary, not one per network read), and once when it ends. One transfer moves on one
 * thread, so this class is not thread-safe.
 */
public final class TransferProgress {
    private static final long REPORT_EVERY = 1L << 20;

    private final EventListener listener;
    private final Direction direction;
    private final String name;
    private final String version;
    private final Platform platform;
    private final long total;
    private long reported;

    private TransferProgress(EventListener listener, Direction direction, String name, String version, Platform platform,
                             long total) {
        this.listener = listener == null ? EventListener.NONE : listener;
        this.direction = direction;
        this.name = name;
        this.version = version;
        this.platform = platform;
        this.total = total;
    }

    /**
     * Reports that a transfer starts.
     *
     * @param platform null for an artifact that is the same on every platform
     * @param total    the bytes the transfer will move, or -1 when unknown
     */
    public static TransferProgress start(EventListener listener, Direction direction, String name, String version,
                                         Platform platform, long total) {
        TransferProgress p = new TransferProgress(listener, direction, name, version, platform, total);
        p.listener.onEvent(new Event.Transfer(direction, name, version, platform, 0, total, false));
        return p;
    }

    /** {@code done} bytes have moved so far, in all. */
    public void moved(long done) {
        if (done - reported < REPORT_EVERY) return;
        reported = done;
        listener.onEvent(new Event.Transfer(direction, name, version, platform, done, total, false));
    }

    /** The progress of one part (one blob of several) that starts {@code offset} bytes into the transfer. */
    public LongConsumer from(long offset) {
        return n -> moved(offset + n);
    }

    /** The transfer ended, having moved {@code done} bytes. */
    public void finished(long done) {
        listener.onEvent(new Event.Transfer(direction, name, version, platform, done, total, true));
    }

    /** {@code out}, reporting the bytes written through it. */
    public OutputStream counting(OutputStream out) {
        return new FilterOutputStream(out) {
            private long count;

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                moved(++count);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                moved(count += len);
            }
        };
    }
}
