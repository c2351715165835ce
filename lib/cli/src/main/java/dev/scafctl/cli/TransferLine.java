package dev.scafctl.cli;

import dev.scafctl.error.Printable;
import dev.scafctl.event.Event;
import dev.scafctl.format.Sizes;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The progress bar of every transfer, on one terminal line redrawn in place when a transfer
 * starts and otherwise at most ten times a second: the transfer that moved last, and how many
 * others are under way (installs run in parallel). Whatever else goes to stderr meanwhile goes through here, so that it lands on a line
 * of its own above the bar instead of in the middle of it.
 */
final class TransferLine {
    private static final int BAR = 16;
    /** Wider than this, an 80-column terminal would wrap the line, and redrawing in place would stop working. */
    private static final int MAX_WIDTH = 79;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    /** Transfers under way, the one that moved last at the end. */
    private final Map<String, Event.Transfer> active = new LinkedHashMap<>();
    private long lastDraw;
    private boolean drawn;

    TransferLine(PrintStream err) {
        this.err = err;
    }

    synchronized void update(Event.Transfer t) {
        String key = t.direction() + " " + t.subject();
        boolean starting = active.remove(key) == null;
        if (t.finished()) {
            clear();
            redrawLatest();
            return;
        }
        active.put(key, t);
        long now = System.nanoTime();
        // a transfer that starts is always shown, however soon it ends: each gets named at least once
        if (drawn && !starting && now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        draw(t);
    }

    /** A line of its own, above the bar. */
    synchronized void println(String line) {
        clear();
        err.println(line);
        redrawLatest();
    }

    private void redrawLatest() {
        active.values().stream().reduce((a, b) -> b).ifPresent(this::draw);
    }

    /** Output as it came (a provider's); the next update draws the bar again. */
    synchronized void write(byte[] data) {
        clear();
        err.write(data, 0, data.length);
        err.flush();
    }

    /** Takes the bar off the screen, e.g. before an error is printed. */
    synchronized void clear() {
        if (!drawn) return;
        err.print("\r\033[K");
        err.flush();
        drawn = false;
    }

    private void draw(Event.Transfer t) {
        err.print("\r\033[K" + render(t, active.size() - 1));
        err.flush();
        drawn = true;
    }

    /** {@code pushing big 1.2.0 linux/amd64 [########        ] 65.0/130.0 MiB (+1 more)}, at most {@link #MAX_WIDTH} wide. */
    static String render(Event.Transfer t, int others) {
        StringBuilder rest = new StringBuilder(" ");
        if (t.total() > 0) {
            int filled = (int) Math.min(BAR, BAR * t.done() / t.total());
            rest.append('[').append("#".repeat(filled)).append(" ".repeat(BAR - filled)).append("] ")
                    .append(amount(t.done(), t.total()));
        } else {
            rest.append(Sizes.human(t.done()));
        }
        if (others > 0) rest.append(" (+").append(others).append(" more)");
        String head = t.direction().ongoing() + " " + Printable.of(t.subject());
        int room = MAX_WIDTH - rest.length();
        if (head.length() > room) head = head.substring(0, Math.max(0, room - 3)) + "...";
        return head + rest;
    }

    /** {@code 65.0/130.0 MiB}, or {@code 512 B/130.0 MiB} where the units differ. */
    private static String amount(long done, long total) {
        String d = Sizes.human(done);
        String all = Sizes.human(total);
        String unit = all.substring(all.indexOf(' '));
        return (d.endsWith(unit) ? d.substring(0, d.length() - unit.length()) : d) + "/" + all;
    }
}
