package dev.scafctl.cli.run;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scafctl run}: a solution, some of its resolvers, or one provider. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a solution, some of its resolvers, or one provider.",
        subcommands = {RunSolutionCommand.class, RunResolverCommand.class, RunProviderCommand.class})
public final class RunCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
