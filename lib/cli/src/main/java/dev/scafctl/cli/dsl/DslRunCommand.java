package dev.scafctl.cli.dsl;

import dev.scafctl.dsl.DslRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code scafctl dsl run FILE.groovy [args]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a workflow script (type-checked Groovy with dev.scafctl.dsl.ScafctlScript as its base).",
                "Arguments after the file are the script's (its 'arguments')."})
public final class DslRunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.groovy", description = "The script.")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments for the script.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        DslRunner.run(file, args);
        return 0;
    }
}
