package dev.scafctl.cli.config;

import dev.scafctl.cli.Cli;
import dev.scafctl.config.ConfigStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl config unset KEY}. */
@Command(name = "unset", mixinStandardHelpOptions = true,
        description = "Remove a key from the config file, so that its default applies (for settings.defaultCatalog: the official catalog).")
public final class ConfigUnsetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Override
    public Integer call() {
        ConfigStore store = Cli.scafctl().configStore();
        spec.commandLine().getErr().println("unset " + store.unset(key) + " in " + store.file());
        return 0;
    }
}
