package dev.scafctl.cli.catalog;

import dev.scafctl.catalog.ArtifactInfo;
import dev.scafctl.cli.Cli;
import dev.scafctl.cli.Output;
import dev.scafctl.cli.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code scafctl catalog inspect}. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show an artifact of the local catalog: kind, versions, platforms, digests, sizes, annotations, origin.")
public final class CatalogInspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME[@VERSION]", description = "Optionally KIND/NAME[@VERSION].")
    String ref;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml (default), json or table.")
    OutputFormat output;

    @Override
    public Integer call() {
        List<ArtifactInfo> infos = Cli.scafctl().catalogs().inspect(ref);
        List<Map<String, Object>> docs = infos.stream().map(Views::info).toList();
        List<Map<String, Object>> rows = infos.stream().flatMap(i -> Views.infoRows(i).stream()).toList();
        Output.print(spec.commandLine().getOut(), output, docs.size() == 1 ? docs.get(0) : docs, rows);
        return 0;
    }
}
