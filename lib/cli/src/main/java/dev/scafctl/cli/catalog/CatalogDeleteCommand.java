package dev.scafctl.cli.catalog;

import dev.scafctl.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl catalog delete}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a version: from the local catalog, or with --catalog from a remote one.")
public final class CatalogDeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME@VERSION", description = "Optionally KIND/NAME@VERSION.")
    String ref;

    @Option(names = "--catalog", paramLabel = "NAME|URL", description = "A remote catalog.")
    String catalog;

    @Override
    public Integer call() {
        var deleted = Cli.scafctl().catalogs().delete(ref, catalog);
        spec.commandLine().getOut().println("deleted " + deleted + " from " + (catalog == null ? "the local catalog" : catalog));
        return 0;
    }
}
