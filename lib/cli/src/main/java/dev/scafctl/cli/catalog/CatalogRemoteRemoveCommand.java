package dev.scafctl.cli.catalog;

import dev.scafctl.cli.config.ConfigRemoveCatalogCommand;
import picocli.CommandLine.Command;

/** {@code scafctl catalog remote remove}: {@code config remove-catalog} under the Go scafctl's other name. */
@Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true,
        description = "Remove a catalog from the config; the default catalog is cleared when it was that one.")
public final class CatalogRemoteRemoveCommand extends ConfigRemoveCatalogCommand {
}
