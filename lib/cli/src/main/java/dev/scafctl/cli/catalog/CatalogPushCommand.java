package dev.scafctl.cli.catalog;

import dev.scafctl.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl catalog push}. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = "Push a local artifact to <catalog-url>/<kinds>/<name>:<version>, with every platform.")
public final class CatalogPushCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME@VERSION", description = "Optionally KIND/NAME@VERSION.")
    String ref;

    @Option(names = "--catalog", paramLabel = "NAME|URL", description = "Where to push (default: settings.defaultCatalog).")
    String catalog;

    @Option(names = "--force", description = "Overwrite the version in the remote catalog.")
    boolean force;

    @Override
    public Integer call() {
        var pushed = Cli.scafctl().catalogs().push(ref, catalog, force);
        spec.commandLine().getOut().println("pushed " + pushed);
        return 0;
    }
}
