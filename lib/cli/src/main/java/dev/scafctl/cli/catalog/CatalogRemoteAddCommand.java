package dev.scafctl.cli.catalog;

import dev.scafctl.cli.config.ConfigAddCatalogCommand;
import picocli.CommandLine.Command;

/** {@code scafctl catalog remote add}: {@code config add-catalog} under the Go scafctl's other name. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a catalog to the chain, after those configured, e.g. add team --url oci://ghcr.io/myorg.")
public final class CatalogRemoteAddCommand extends ConfigAddCatalogCommand {
}
