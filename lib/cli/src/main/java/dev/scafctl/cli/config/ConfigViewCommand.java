package dev.scafctl.cli.config;

import dev.scafctl.Scafctl;
import dev.scafctl.cli.Cli;
import dev.scafctl.cli.Output;
import dev.scafctl.cli.OutputFormat;
import dev.scafctl.config.CatalogConfig;
import dev.scafctl.config.Config;
import dev.scafctl.config.ConfigStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code scafctl config view}. */
@Command(name = "view", mixinStandardHelpOptions = true,
        description = {"Print the config in effect: its catalogs and settings as read (settings with their SCAFCTL_SETTINGS_* "
                + "overrides),", "and every other key of the file as written."})
public final class ConfigViewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml (default), json or table (the catalogs).")
    OutputFormat output;

    @Override
    public Integer call() {
        Scafctl scafctl = Cli.scafctl();
        Config config = scafctl.config();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CatalogConfig c : config.catalogs()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", c.name());
            row.put("type", c.type());
            row.put("location", c.url() != null ? c.url() : c.path());
            row.put("insecure", c.insecure());
            row.put("default", c.name().equals(config.defaultCatalog()));
            rows.add(row);
        }
        Output.print(spec.commandLine().getOut(), output, ConfigStore.view(scafctl.configStore().read(), config), rows);
        return 0;
    }
}
