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
                CatalogLogoutCommand.class},
        footer = {"", "--catalog VALUE: a URL (has '.' or ':'), a configured catalog's name, or, when absent,"
                + " settings.defaultCatalog."})
public final class CatalogCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
