package dev.scafctl.cli;

/** Whether {@code -v/--verbose} was given anywhere on the command line. */
public final class Verbosity {
    private static volatile boolean verbose;

    private Verbosity() {
    }

    public static boolean isVerbose() {
        return verbose;
    }

    static void set(boolean v) {
        verbose = v;
    }
}
