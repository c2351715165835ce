package dev.scafctl.cli.catalog;

import dev.scafctl.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl catalog pull}. */
@Command(name = "pull",
        description = "Pull an artifact from a registry into the local catalog.")
public final class CatalogPullCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    // declared here rather than through the standard mixin: this command's --version is the artifact's
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "REF",
            description = "host[:port]/path/<kinds>/<name>@<version> (or :tag); the kind comes from the path, else from the manifest.")
    String ref;

    @Option(names = "--version", paramLabel = "CONSTRAINT", description = "Pick the highest version satisfying this, e.g. ^1.2.0.")
    String version;

    @Override
    public Integer call() {
        var p = Cli.scafctl().catalogs().pull(ref, version);
        spec.commandLine().getOut().println("pulled " + p.kind() + " " + p.name() + "@" + p.version() + " " + p.digest()
                + " from " + p.origin());
        return 0;
    }
}
