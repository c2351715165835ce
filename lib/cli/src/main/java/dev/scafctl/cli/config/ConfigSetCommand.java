package dev.scafctl.cli.config;

import dev.scafctl.cli.Cli;
import dev.scafctl.config.ConfigStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl config set KEY VALUE}. */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Set a value in the config file; the rest of the file is left as it is.",
                "Settings: settings.defaultCatalog (alias catalog: a catalog name or a registry URL), settings.noColor, "
                        + "settings.quiet (what --no-color and --quiet give when not passed), settings.disableOfficialCatalog: true or false.",
                "The Go scafctl's other keys (e.g. logging.level) are written for it: true, false and integers as such, "
                        + "anything else as a string."})
public final class ConfigSetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE")
    String value;

    @Override
    public Integer call() {
        ConfigStore store = Cli.scafctl().configStore();
        ConfigStore.Written w = store.set(key, value);
        spec.commandLine().getErr().println((w.value() == null ? "unset " + w.key() : "set " + w.key() + " = " + w.value()) + " in " + store.file());
        return 0;
    }
}
