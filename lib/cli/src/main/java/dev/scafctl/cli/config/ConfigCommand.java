package dev.scafctl.cli.config;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scafctl config}. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "View and change the config file ($XDG_CONFIG_HOME/scafctl/config.yaml).",
        subcommands = {ConfigViewCommand.class, ConfigGetCommand.class, ConfigSetCommand.class,
                ConfigAddCatalogCommand.class, ConfigRemoveCatalogCommand.class, ConfigUseCatalogCommand.class})
public final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
