package dev.scafctl.cli.config;

import dev.scafctl.cli.Cli;
import dev.scafctl.cli.Output;
import dev.scafctl.cli.OutputFormat;
import dev.scafctl.config.CatalogConfig;
import dev.scafctl.config.Config;
import dev.scafctl.config.ConfigDocument;
import dev.scafctl.config.ConfigStore;
import dev.scafctl.format.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code scafctl config validate [FILE]}: exit 0 when scafctl reads the file, 2 (naming key, value and fix) when not. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a config file (by default the one in use): exit 0 when it reads, 2 naming the key, the value and the fix when not.",
                "Keys this scafctl does not act on, and unknown ones, are listed; they are kept as written."})
public final class ConfigValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "json or yaml: the findings as data; without it, a summary.")
    OutputFormat output;

    @Override
    public Integer call() {
        ConfigStore store = file != null ? new ConfigStore(file) : Cli.scafctl().configStore();
        ConfigDocument doc = store.validate();
        Config config = doc.config();
        List<String> chain = new ArrayList<>(List.of(Config.LOCAL));
        config.chain().stream().map(CatalogConfig::name).forEach(chain::add);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("file", store.file().toString());
        report.put("valid", true);
        Object version = Formats.toJava(doc.at(List.of("version")));
        report.put("version", version);
        report.put("catalogs", chain);
        report.put("defaultCatalog", config.defaultCatalog());
        report.put("kept", doc.kept());
        report.put("unknown", doc.unknown());
        PrintWriter out = spec.commandLine().getOut();
        if (output != null) {
            Output.print(out, output, report, List.of(report));
            return 0;
        }
        out.println("valid: " + store.file());
        out.println("  version: " + (version == null ? "not set (the Go scafctl suggests version: 1)" : version));
        out.println("  catalogs: " + String.join(", ", chain));
        out.println("  default catalog: " + (config.defaultCatalog() == null ? "none" : config.defaultCatalog()));
        if (!doc.kept().isEmpty()) out.println("  kept as written, not used by this scafctl: " + String.join(", ", doc.kept()));
        if (!doc.unknown().isEmpty()) out.println("  unknown keys, kept as written (typos?): " + String.join(", ", doc.unknown()));
        out.flush();
        return 0;
    }
}
