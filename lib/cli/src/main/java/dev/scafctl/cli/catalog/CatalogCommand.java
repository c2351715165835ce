package dev.scafctl.cli.catalog;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scafctl catalog}. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Work with the local catalog and remote OCI catalogs.",
        subcommands = {CatalogListCommand.class, CatalogInspectCommand.class, CatalogPushCommand.class,
                CatalogPullCommand.class, CatalogDeleteCommand.class, CatalogTagCommand.class,
                CatalogSaveCommand.class, CatalogLoadCommand.class, CatalogLoginCommand.class,
                CatalogLogoutCommand.class, CatalogRemoteCommand.class},
        footer = {"", "--catalog VALUE: a URL (has '.' or ':'), a catalog's name ('catalog remote list' shows them), or,"
                + " when absent, settings.defaultCatalog, else the official catalog."})
public final class CatalogCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
