package dev.scafctl.cli.config;

import dev.scafctl.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl config use-catalog}. */
@Command(name = "use-catalog", mixinStandardHelpOptions = true, description = "Make a configured catalog the default (settings.defaultCatalog).")
public final class ConfigUseCatalogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        Cli.scafctl().catalogs().useCatalog(name);
        spec.commandLine().getErr().println("default catalog: " + name);
        return 0;
    }
}
