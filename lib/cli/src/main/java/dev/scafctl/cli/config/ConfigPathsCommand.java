package dev.scafctl.cli.config;

import dev.scafctl.cli.Cli;
import dev.scafctl.cli.Output;
import dev.scafctl.cli.OutputFormat;
import dev.scafctl.config.Paths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code scafctl config paths}. */
@Command(name = "paths", mixinStandardHelpOptions = true,
        description = "Show the files and directories scafctl uses on this system, and the XDG variable that moves each.")
public final class ConfigPathsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), wide (with descriptions), json or yaml.")
    OutputFormat output;

    @Override
    public Integer call() {
        List<Map<String, Object>> rows = Cli.scafctl().paths().describe().stream().map(ConfigPathsCommand::row).toList();
        Output.print(spec.commandLine().getOut(), output, rows, rows, List.of("name", "path", "xdgVariable"));
        return 0;
    }

    private static Map<String, Object> row(Paths.PathInfo p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("path", p.path().toString());
        m.put("description", p.description());
        m.put("xdgVariable", p.xdgVariable());
        return m;
    }
}
