package dev.scafctl.cli.build;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scafctl build}. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Store a solution or plugin as an OCI artifact in the local catalog.",
        subcommands = {BuildSolutionCommand.class, BuildPluginCommand.class})
public final class BuildCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
