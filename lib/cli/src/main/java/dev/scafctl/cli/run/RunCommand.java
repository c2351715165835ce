package dev.scafctl.cli.run;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scafctl run}: run a solution, or one provider. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a solution, or call one provider.",
        subcommands = {RunSolutionCommand.class, RunProviderCommand.class})
public final class RunCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
