package dev.scafctl.cli.plugins;

import dev.scafctl.Scafctl;
import dev.scafctl.cli.Cli;
import dev.scafctl.cli.Output;
import dev.scafctl.cli.OutputFormat;
import dev.scafctl.plugin.InstalledPlugin;
import dev.scafctl.plugin.Platform;
import dev.scafctl.plugin.PluginInstaller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code scafctl plugins install}. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Fetch every plugin of a solution into the cache, verified, for each platform asked.")
public final class PluginsInstallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The solution file.")
    Path file;

    @Option(names = "--platform", paramLabel = "OS/ARCH", description = "A platform to install for, e.g. linux/amd64; repeatable (default: this machine's).")
    List<String> platforms = new ArrayList<>();

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Install into DIR instead of the default cache.")
    Path cacheDir;

    @Option(names = "--locked", description = "Fail when the lock file is missing or would change (for CI).")
    boolean locked;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Fetch at most N plugins at once (default: ${DEFAULT-VALUE}).")
    int jobs = PluginInstaller.DEFAULT_PARALLELISM;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json or yaml.")
    OutputFormat output;

    @Override
    public Integer call() {
        if (jobs < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1, got " + jobs);
        }
        List<Platform> wanted = platforms.stream().map(Platform::parse).toList();
        Scafctl scafctl = Cli.scafctl();
        List<InstalledPlugin> installed = scafctl.installPlugins(scafctl.loadSolution(file), wanted, cacheDir, locked, jobs);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (InstalledPlugin p : installed) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", p.name());
            row.put("kind", p.kind().id());
            row.put("version", p.version());
            row.put("platform", p.platform().toString());
            row.put("status", p.downloaded() ? "fetched" : "cached");
            row.put("digest", p.digest().toString());
            row.put("path", p.path().toString());
            rows.add(row);
        }
        Output.print(spec.commandLine().getOut(), output, rows, rows);
        return 0;
    }
}
