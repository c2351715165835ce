package dev.scafctl.cli.catalog;

import dev.scafctl.cli.config.ConfigUseCatalogCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl catalog remote set-default}, the same as {@code config use-catalog}. */
@Command(name = "set-default", mixinStandardHelpOptions = true,
        description = "Make a catalog the default (settings.defaultCatalog); \"\" clears it, so the official catalog is the default again.")
public final class CatalogRemoteSetDefaultCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        ConfigUseCatalogCommand.use(spec, name);
        return 0;
    }
}
