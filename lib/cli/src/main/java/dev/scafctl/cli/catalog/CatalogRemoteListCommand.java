package dev.scafctl.cli.catalog;

import dev.scafctl.Scafctl;
import dev.scafctl.cli.Cli;
import dev.scafctl.cli.Output;
import dev.scafctl.cli.OutputFormat;
import dev.scafctl.config.CatalogConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code scafctl catalog remote list}: the chain in order, with the Go scafctl's fields. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
        description = "List the catalogs of the chain in the order they are searched: local, the configured ones, official.")
public final class CatalogRemoteListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), wide, json or yaml.")
    OutputFormat output;

    @Override
    public Integer call() {
        Scafctl scafctl = Cli.scafctl();
        String defaultCatalog = scafctl.config().defaultCatalog();
        List<Map<String, Object>> rows = scafctl.catalogs().catalogsInChain().stream()
                .map(c -> row(c, c.name().equals(defaultCatalog))).toList();
        Output.print(spec.commandLine().getOut(), output, rows, rows, List.of("name", "type", "url", "path", "authProvider", "default"));
        return 0;
    }

    /** Every key in every row, as the Go scafctl lists them (its table needs the same columns in each). */
    private static Map<String, Object> row(CatalogConfig c, boolean isDefault) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("type", c.type());
        m.put("url", c.url() == null ? "" : c.url());
        m.put("path", c.path() == null ? "" : c.path());
        m.put("authProvider", c.authProvider() == null ? "" : c.authProvider());
        m.put("authScope", c.authScope() == null ? "" : c.authScope());
        m.put("default", isDefault);
        m.put("insecure", c.insecure());
        return m;
    }
}
