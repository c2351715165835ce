package dev.scafctl.cli.config;

import dev.scafctl.Scafctl;
import dev.scafctl.cli.Cli;
import dev.scafctl.config.ConfigStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl config set KEY VALUE}. */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Set a setting: settings.defaultCatalog (alias catalog), a catalog name or a registry URL;",
                "settings.noColor or settings.quiet, true or false (what --no-color and --quiet give when not passed)."})
public final class ConfigSetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE")
    String value;

    @Override
    public Integer call() {
        Scafctl scafctl = Cli.scafctl();
        ConfigStore store = scafctl.configStore();
        store.save(store.set(store.load(), key, value));
        spec.commandLine().getErr().println("set " + ConfigStore.SETTING_ALIASES.get(key) + " = " + value
                + " in " + store.file());
        return 0;
    }
}
