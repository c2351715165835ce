package dev.scafctl.cli.config;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scafctl config}. */
@Command(name = "config", aliases = "cfg", mixinStandardHelpOptions = true,
        description = {"View and change the config file ($XDG_CONFIG_HOME/scafctl/config.yaml), which the Go scafctl reads too.",
                "SCAFCTL_SETTINGS_DEFAULTCATALOG, _NOCOLOR, _QUIET and _DISABLEOFFICIALCATALOG override its settings."},
        subcommands = {ConfigInitCommand.class, ConfigViewCommand.class, ConfigGetCommand.class, ConfigSetCommand.class,
                ConfigUnsetCommand.class, ConfigValidateCommand.class, ConfigAddCatalogCommand.class,
                ConfigRemoveCatalogCommand.class, ConfigUseCatalogCommand.class, ConfigPathsCommand.class})
public final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
