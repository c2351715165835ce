package dev.scafctl.cli.catalog;

import dev.scafctl.cli.config.ConfigUseCatalogCommand;
import picocli.CommandLine.Command;

/** {@code scafctl catalog remote set-default}: {@code config use-catalog} under the Go scafctl's other name. */
@Command(name = "set-default", mixinStandardHelpOptions = true,
        description = "Make a catalog the default (settings.defaultCatalog); \"\" clears it, so the official catalog is the default again.")
public final class CatalogRemoteSetDefaultCommand extends ConfigUseCatalogCommand {
}
