package dev.scafctl.cli.config;

import dev.scafctl.Scafctl;
import dev.scafctl.cli.Cli;
import dev.scafctl.cli.Output;
import dev.scafctl.cli.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code scafctl config get KEY}. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"Print one config value: a setting as in effect (settings.defaultCatalog, alias catalog; settings.noColor, "
                + "settings.quiet, settings.disableOfficialCatalog),",
                "catalogs (the chain: local, the configured ones, official) or catalogs.NAME[.FIELD], or any other key as the file has it."})
public final class ConfigGetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml (default), json or table.")
    OutputFormat output;

    @Override
    public Integer call() {
        Scafctl scafctl = Cli.scafctl();
        Object value = scafctl.configStore().get(key, scafctl.config(), scafctl.catalogs().catalogsInChain());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", key);
        row.put("value", value);
        Output.print(spec.commandLine().getOut(), output, value, List.of(row));
        return 0;
    }
}
