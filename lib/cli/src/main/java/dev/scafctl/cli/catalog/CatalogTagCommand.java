package dev.scafctl.cli.catalog;

import dev.scafctl.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl catalog tag}. */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = "Give a version another tag (an alias such as latest, or another version).")
public final class CatalogTagCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME@VERSION", description = "Optionally KIND/NAME@VERSION.")
    String ref;

    @Parameters(index = "1", paramLabel = "ALIAS")
    String alias;

    @Option(names = "--catalog", paramLabel = "NAME|URL", description = "Tag in a remote catalog instead of the local one.")
    String catalog;

    @Override
    public Integer call() {
        var tagged = Cli.scafctl().catalogs().tag(ref, alias, catalog);
        spec.commandLine().getOut().println("tagged " + tagged + " as " + alias);
        return 0;
    }
}
