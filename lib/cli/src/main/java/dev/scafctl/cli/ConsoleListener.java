package dev.scafctl.cli;

import dev.scafctl.error.Printable;
import dev.scafctl.event.Event;
import dev.scafctl.event.EventListener;

import java.io.PrintStream;

/**
 * Draws library events on stderr: warnings always, notes and plugin logs with --verbose, provider
 * output live and as it came (a provider may colour its own output). Transfers are a bar on a
 * terminal ({@link Terminal}) and, with --verbose, one line each once done; the config keys left
 * alone are named with --verbose, once per file and run. Described events quote
 * plugins and registries, so they are printed {@link Printable}.
 */
public final class ConsoleListener implements EventListener {
    /** Config files whose unused keys were reported: the config is read many times a run, reported once. */
    private static final java.util.Set<String> REPORTED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** One bar for the process, whichever command's listener draws it: stderr is one line to share. */
    private static TransferLine bar;

    private final PrintStream err;
    private final TransferLine transfers;

    public ConsoleListener(PrintStream err) {
        this.err = err;
        this.transfers = Terminal.drawsBars(System.getenv()) ? bar(err) : null;
    }

    private static synchronized TransferLine bar(PrintStream err) {
        if (bar == null) bar = new TransferLine(err);
        return bar;
    }

    /** Takes a progress bar off the screen, so that what is printed next starts a line of its own. */
    static synchronized void clearProgress() {
        if (bar != null) bar.clear();
    }

    @Override
    public void onEvent(Event event) {
        if (event instanceof Event.Warning) {
            println(Printable.of(event.describe()));
        } else if (event instanceof Event.ProviderOutput po) {
            if (transfers != null) {
                transfers.write(po.data());
            } else {
                synchronized (err) {
                    err.write(po.data(), 0, po.data().length);
                    err.flush();
                }
            }
        } else if (event instanceof Event.Transfer t) {
            if (transfers != null) transfers.update(t);
            if (t.finished() && Verbosity.isVerbose()) println(Printable.of(t.describe()));
        } else if (event instanceof Event.ConfigKeys k) {
            if (Verbosity.isVerbose() && REPORTED.add(k.file())) println(Printable.of(event.describe()));
        } else if (Verbosity.isVerbose()) {
            println(Printable.of(event.describe()));
        }
    }

    private void println(String line) {
        if (transfers != null) transfers.println(line);
        else err.println(line);
    }
}
