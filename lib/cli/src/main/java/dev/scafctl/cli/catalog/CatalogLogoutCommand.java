package dev.scafctl.cli.catalog;

import dev.scafctl.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl catalog logout}. */
@Command(name = "logout", mixinStandardHelpOptions = true, description = "Forget the credentials stored for a registry.")
public final class CatalogLogoutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REGISTRY", description = "host[:port]")
    String registry;

    @Override
    public Integer call() {
        boolean had = Cli.scafctl().catalogs().logout(registry);
        spec.commandLine().getOut().println(had ? "logged out of " + registry : "no stored credentials for " + registry);
        return 0;
    }
}
