package dev.scafctl.cli.run;

import dev.scafctl.cli.Cli;
import dev.scafctl.cli.KeyValues;
import dev.scafctl.cli.Output;
import dev.scafctl.cli.OutputFormat;
import dev.scafctl.provider.ProviderResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code scafctl run provider}. */
@Command(name = "provider", mixinStandardHelpOptions = true,
        description = "Call one provider with inputs and print its value.")
public final class RunProviderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The provider, e.g. static, env, exec.")
    String name;

    @Option(names = {"-i", "--input"}, paramLabel = "KEY=VALUE", description = "An input; repeatable.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--plugin", paramLabel = "PATH",
            description = "A plugin binary to load for this call (its providers become available); repeatable.")
    List<Path> plugins = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml (default), json or table.")
    OutputFormat output;

    @Override
    public Integer call() {
        ProviderResult result = Cli.scafctl().runProvider(name, KeyValues.parse(inputs, "-i"), Map.of(), plugins);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("provider", name);
        row.put("value", result.data());
        Output.print(spec.commandLine().getOut(), output, result.data(), List.of(row));
        return 0;
    }
}
