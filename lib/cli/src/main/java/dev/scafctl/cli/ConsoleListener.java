package dev.scafctl.cli;

import dev.scafctl.error.Printable;
import dev.scafctl.event.Event;
import dev.scafctl.event.EventListener;

import java.io.PrintStream;

/**
 * Draws library events on stderr: warnings always, notes and plugin logs with --verbose, provider
 * output live and as it came (a provider may colour its own output). Described events quote
 * plugins and registries, so they are printed {@link Printable}.
 */
public final class ConsoleListener implements EventListener {
    private final PrintStream err;
    private final TransferLine transfers;

    public ConsoleListener(PrintStream err) {
        this.err = err;
        // progress is drawn only for a person at a terminal; pipes and CI logs get no carriage returns
        this.transfers = System.console() != null ? new TransferLine(err) : null;
    }

    @Override
    public void onEvent(Event event) {
        if (event instanceof Event.Warning) {
            err.println(Printable.of(event.describe()));
        } else if (event instanceof Event.ProviderOutput po) {
            synchronized (err) {
                err.write(po.data(), 0, po.data().length);
                err.flush();
            }
        } else if (event instanceof Event.Transfer t) {
            if (transfers != null) transfers.update(t);
        } else if (Verbosity.isVerbose()) {
            err.println(Printable.of(event.describe()));
        }
    }
}
