package dev.scafctl.cli.plugins;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scafctl plugins}. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "Install a solution's plugins into the cache, lock them, and list the cache.",
        subcommands = {PluginsInstallCommand.class, PluginsLockCommand.class, PluginsListCommand.class})
public final class PluginsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
