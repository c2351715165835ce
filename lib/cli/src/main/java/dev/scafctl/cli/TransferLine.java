package dev.scafctl.cli;

import dev.scafctl.event.Event;

import java.io.PrintStream;

/** A one-line progress display for transfers, redrawn in place at most ten times a second. */
final class TransferLine {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private long lastDraw;
    private boolean drawn;

    TransferLine(PrintStream err) {
        this.err = err;
    }

    synchronized void update(Event.Transfer t) {
        long now = System.nanoTime();
        if (t.finished()) {
            if (drawn) {
                err.print("\r\033[K");
                err.flush();
                drawn = false;
            }
            return;
        }
        if (now - lastDraw < 100_000_000L) return;
        lastDraw = now;
        StringBuilder line = new StringBuilder("\r\033[K").append(t.id()).append(' ');
        if (t.total() > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * t.done() / t.total());
            line.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
                    .append(mib(t.done())).append('/').append(mib(t.total())).append(" MiB");
        } else {
            line.append(mib(t.done())).append(" MiB");
        }
        err.print(line);
        err.flush();
        drawn = true;
    }

    private static String mib(long bytes) {
        return String.format("%.1f", bytes / 1048576.0);
    }
}
