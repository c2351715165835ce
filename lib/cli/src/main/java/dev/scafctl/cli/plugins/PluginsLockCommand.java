package dev.scafctl.cli.plugins;

import dev.scafctl.Scafctl;
import dev.scafctl.cli.Cli;
import dev.scafctl.cli.Output;
import dev.scafctl.cli.OutputFormat;
import dev.scafctl.plugin.LockEntry;
import dev.scafctl.plugin.LockFile;
import dev.scafctl.plugin.Platform;
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

/** {@code scafctl plugins lock}: (re)writes the lock from the catalogs, without building the solution. */
@Command(name = "lock", mixinStandardHelpOptions = true,
        description = {"Write a solution's lock from what the catalogs have now, without building.",
                "Resolves the plugins through the catalog chain and writes " + LockFile.FILE_NAME + " beside the solution, "
                        + "pinning each version and the digest of every platform's binary. Run it after a plugin release "
                        + "to move the lock on; nothing is built or fetched into the cache."})
public final class PluginsLockCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The solution file.")
    Path file;

    @Option(names = "--platform", paramLabel = "OS/ARCH",
            description = "A platform every plugin must have a binary for, e.g. linux/amd64; repeatable. "
                    + "When one is missing, the lock is not written.")
    List<String> platforms = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), wide, json or yaml.")
    OutputFormat output;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        List<Platform> required = platforms.stream().map(Platform::parse).toList();
        Scafctl scafctl = Cli.scafctl();
        Path lockFile = LockFile.pathBeside(file);
        String before = read(lockFile);
        LockFile lock = scafctl.lockPlugins(scafctl.loadSolution(file), required);
        List<Map<String, Object>> data = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LockEntry e : lock.plugins()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", e.name());
            row.put("kind", e.kind().id());
            row.put("version", e.version());
            row.put("constraint", e.constraint());
            row.put("from", e.resolvedFrom());
            row.put("platforms", e.platforms().isEmpty() ? List.of("any")
                    : e.platforms().keySet().stream().map(Platform::toString).toList());
            data.add(row);
            Map<String, Object> shown = new LinkedHashMap<>(row);
            shown.put("platforms", String.join(", ", (List<String>) row.get("platforms")));
            rows.add(shown);
        }
        Output.print(spec.commandLine().getOut(), output, data, rows);
        spec.commandLine().getErr().println((java.util.Objects.equals(before, read(lockFile)) ? "unchanged: " : "wrote ") + lockFile);
        return 0;
    }

    private static String read(Path file) {
        try {
            return java.nio.file.Files.isRegularFile(file) ? java.nio.file.Files.readString(file) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
