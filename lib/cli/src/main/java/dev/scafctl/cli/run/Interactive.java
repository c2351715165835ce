package dev.scafctl.cli.run;

import dev.scafctl.error.InvalidInputException;
import picocli.CommandLine.Option;

/** The Go scafctl's {@code -i/--interactive}, a terminal viewer of the results; this tool has none and says so. */
public final class Interactive {
    @Option(names = {"-i", "--interactive"},
            description = "The Go scafctl's terminal viewer of the results; not available here (exit 2): use -o table, json or yaml.")
    boolean interactive;

    void refuseIfAsked(String more) {
        if (interactive) {
            throw new InvalidInputException("-i/--interactive (the Go scafctl's terminal viewer of results) is not available in scafctl for the JVM",
                    "print the results with -o table, -o json or -o yaml" + more);
        }
    }
}
