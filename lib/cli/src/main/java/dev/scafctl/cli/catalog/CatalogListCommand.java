package dev.scafctl.cli.catalog;

import dev.scafctl.catalog.ArtifactKind;
import dev.scafctl.catalog.ArtifactSummary;
import dev.scafctl.cli.Cli;
import dev.scafctl.cli.Output;
import dev.scafctl.cli.OutputFormat;
import dev.scafctl.error.InvalidInputException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code scafctl catalog list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List artifacts: the local catalog by default, a remote one with --catalog, all with --all.")
public final class CatalogListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kind", paramLabel = "KIND", description = "solution, provider or auth-handler.")
    String kind;

    @Option(names = "--name", paramLabel = "NAME", description = "Only this artifact.")
    String name;

    @ArgGroup(exclusive = true)
    Where where = new Where();

    static final class Where {
        @Option(names = "--catalog", paramLabel = "NAME|URL", description = "A remote catalog.")
        String catalog;

        @Option(names = "--all", description = "The local catalog and every configured one.")
        boolean all;
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default, short digests), wide, json or yaml.")
    OutputFormat output;

    @Override
    public Integer call() {
        ArtifactKind k = kind == null ? null : ArtifactKind.fromId(kind).orElseThrow(() ->
                new InvalidInputException("invalid --kind '" + kind + "'", "use solution, provider or auth-handler"));
        List<ArtifactSummary> items = Cli.scafctl().catalogs().list(k, name, where.catalog, where.all);
        List<Map<String, Object>> rows = items.stream().map(Views::summary).toList();
        if (rows.isEmpty() && output.isTable()) {
            spec.commandLine().getErr().println("no artifacts");
            return 0;
        }
        Output.print(spec.commandLine().getOut(), output, rows, rows);
        return 0;
    }
}
