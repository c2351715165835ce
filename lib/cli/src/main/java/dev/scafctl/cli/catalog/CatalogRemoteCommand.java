package dev.scafctl.cli.catalog;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scafctl catalog remote}: the Go scafctl's names for the catalog commands of {@code config}. */
@Command(name = "remote", mixinStandardHelpOptions = true,
        description = "Manage the catalogs of the chain: the local catalog, the configured ones in order, the official one.",
        subcommands = {CatalogRemoteAddCommand.class, CatalogRemoteRemoveCommand.class, CatalogRemoteSetDefaultCommand.class,
                CatalogRemoteListCommand.class})
public final class CatalogRemoteCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
