package dev.scafctl.cli.config;

import dev.scafctl.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl config remove-catalog}; {@code catalog remote remove} is the same command under another name. */
@Command(name = "remove-catalog", aliases = "rm-catalog", mixinStandardHelpOptions = true,
        description = "Remove a catalog from the config; the default catalog is cleared when it was that one.")
public class ConfigRemoveCatalogCommand implements Callable<Integer> {
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
