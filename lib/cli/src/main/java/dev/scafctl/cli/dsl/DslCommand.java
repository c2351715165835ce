package dev.scafctl.cli.dsl;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scafctl dsl}. */
@Command(name = "dsl", mixinStandardHelpOptions = true,
        description = "Run Groovy workflow scripts written with the scafctl DSL.",
        subcommands = {DslRunCommand.class})
public final class DslCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
