package dev.scafctl.cli.plugins;

import dev.scafctl.cli.Cli;
import dev.scafctl.cli.Output;
import dev.scafctl.cli.OutputFormat;
import dev.scafctl.format.Sizes;
import dev.scafctl.oci.Digest;
import dev.scafctl.plugin.PluginCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code scafctl plugins list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the plugin binaries in the cache.")
public final class PluginsListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "List DIR instead of the default cache.")
    Path cacheDir;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default; short digests, no paths), wide (every column in full), json or yaml.")
    OutputFormat output;

    @Override
    public Integer call() {
        PluginCache cache = Cli.scafctl().pluginCache(cacheDir);
        List<Map<String, Object>> data = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PluginCache.Entry e : cache.list()) {
            String digest;
            try {
                digest = Digest.of(e.path()).toString();
            } catch (IOException ex) {
                throw new dev.scafctl.error.ScafctlException("cannot read cached plugin " + e.path() + ": " + ex.getMessage(),
                        "check the cache directory's permissions, or remove that entry and install it again");
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", e.name());
            entry.put("version", e.version());
            entry.put("platform", e.platform().toString());
            entry.put("size", e.size());
            entry.put("digest", digest);
            entry.put("path", e.path().toString());
            data.add(entry);
            Map<String, Object> row = new LinkedHashMap<>(entry);
            row.put("size", Sizes.human(e.size()));
            rows.add(row);
        }
        if (rows.isEmpty() && output.isTable()) {
            spec.commandLine().getErr().println("no plugins in " + cache.root());
            return 0;
        }
        Output.print(spec.commandLine().getOut(), output, data, rows, List.of("name", "version", "platform", "size", "digest"));
        return 0;
    }
}
