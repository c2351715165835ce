package dev.scafctl.cli.config;

import dev.scafctl.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl config use-catalog}; {@code catalog remote set-default} is the same command under another name. */
@Command(name = "use-catalog", mixinStandardHelpOptions = true,
        description = "Make a catalog the default (settings.defaultCatalog); \"\" clears it, so the official catalog is the default again.")
public class ConfigUseCatalogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        Cli.scafctl().catalogs().useCatalog(name);
        spec.commandLine().getErr().println(name.isBlank() ? "cleared the default catalog" : "default catalog: " + name);
        return 0;
    }
}
