package dev.scafctl.cli.config;

import dev.scafctl.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl config remove-catalog}. */
@Command(name = "remove-catalog", mixinStandardHelpOptions = true, description = "Remove a catalog from the config.")
public final class ConfigRemoveCatalogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        Cli.scafctl().catalogs().removeCatalog(name);
        spec.commandLine().getErr().println("removed catalog " + name);
        return 0;
    }
}
