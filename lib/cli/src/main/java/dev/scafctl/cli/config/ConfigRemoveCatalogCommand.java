package dev.scafctl.cli.config;

import dev.scafctl.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl config remove-catalog}, the same as {@code catalog remote remove}. */
@Command(name = "remove-catalog", aliases = "rm-catalog", mixinStandardHelpOptions = true,
        description = "Remove a catalog from the config; the default catalog is cleared when it was that one.")
public final class ConfigRemoveCatalogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        remove(spec, name);
        return 0;
    }

    public static void remove(CommandSpec spec, String name) {
        Cli.scafctl().catalogs().removeCatalog(name);
        spec.commandLine().getErr().println("removed catalog " + name);
    }
}
