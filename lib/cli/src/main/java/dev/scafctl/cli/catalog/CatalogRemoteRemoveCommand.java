package dev.scafctl.cli.catalog;

import dev.scafctl.cli.config.ConfigRemoveCatalogCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl catalog remote remove}, the same as {@code config remove-catalog}. */
@Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true,
        description = "Remove a catalog from the config; the default catalog is cleared when it was that one.")
public final class CatalogRemoteRemoveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        ConfigRemoveCatalogCommand.remove(spec, name);
        return 0;
    }
}
