package dev.scafctl.cli;

import dev.scafctl.Scafctl;

/** What every command shares: the library instance wired to the console. */
public final class Cli {
    private Cli() {
    }

    public static Scafctl scafctl() {
        return Scafctl.builder().listener(new ConsoleListener(System.err)).build();
    }
}
