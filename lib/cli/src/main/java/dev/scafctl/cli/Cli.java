package dev.scafctl.cli;

import dev.scafctl.Scafctl;

/** What every command shares: the library instance wired to the console. */
public final class Cli {
    private Cli() {
    }

    public static Scafctl scafctl() {
        Scafctl.Builder b = Scafctl.builder().listener(new ConsoleListener(System.err))
                .commandLine(GlobalOptions.commandPath());
        if (GlobalOptions.quiet() != null) b.quiet(GlobalOptions.quiet());
        if (GlobalOptions.noColor() != null) b.noColor(GlobalOptions.noColor());
        return b.build();
    }
}
