package dev.scafctl.cli;

import java.util.List;

/**
 * The root options every command inherits that the library needs ({@code --quiet}, {@code --no-color}),
 * and the command path that was run; null where the command line did not say, so the config decides.
 */
public final class GlobalOptions {
    private static volatile Boolean quiet;
    private static volatile Boolean noColor;
    private static volatile List<String> commandPath = List.of("scafctl");

    private GlobalOptions() {
    }

    static void reset() {
        quiet = null;
        noColor = null;
        commandPath = List.of("scafctl");
    }

    static void quiet(Boolean q) {
        quiet = q;
    }

    static void noColor(Boolean nc) {
        noColor = nc;
    }

    static void commandPath(List<String> path) {
        commandPath = List.copyOf(path);
    }

    public static Boolean quiet() {
        return quiet;
    }

    public static Boolean noColor() {
        return noColor;
    }

    /** e.g. {@code [scafctl, run, solution]}: the commands, without options or their values. */
    public static List<String> commandPath() {
        return commandPath;
    }
}
