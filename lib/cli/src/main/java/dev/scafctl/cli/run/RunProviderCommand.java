package dev.scafctl.cli.run;

import dev.scafctl.cli.Cli;
import dev.scafctl.cli.Output;
import dev.scafctl.cli.OutputFormat;
import dev.scafctl.cli.ParamArgs;
import dev.scafctl.error.InvalidInputException;
import dev.scafctl.provider.ProviderResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

/** {@code scafctl run provider NAME [KEY=VALUE...]}, with the Go scafctl's flags. */
@Command(name = "provider", mixinStandardHelpOptions = true,
        description = "Call one provider with inputs and print its value.")
public final class RunProviderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The provider, e.g. static, env, exec.")
    String name;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE",
            description = "Inputs: key=value, key=@FILE or key=@- (a file's or stdin's text), @FILE.yaml or @- (a mapping of many).")
    List<String> positional = new ArrayList<>();

    @Option(names = "--input", paramLabel = "KEY=VALUE", description = "An input, in the forms of the positional ones; repeatable.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--plugin", paramLabel = "PATH",
            description = "A plugin binary to load for this call (its providers become available); repeatable.")
    List<Path> plugins = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml (default), json or table.")
    OutputFormat output;

    @Mixin
    Interactive interactive;

    @Override
    public Integer call() {
        interactive.refuseIfAsked("; give inputs as key=value words or --input key=value (-i is --interactive, as in the Go scafctl)");
        List<String> words = new ArrayList<>(inputs);
        for (String w : positional) {
            if (!ParamArgs.isParameter(w)) {
                throw new InvalidInputException("unexpected word " + InvalidInputException.shown(w) + " after the provider " + name,
                        "give inputs as key=value, e.g. 'scafctl run provider " + name + " " + w + "=VALUE'");
            }
            words.add(w);
        }
        Map<String, Object> in = new ParamArgs("--input", w -> "write it as --input name=value, or name=value alone", System.in)
                .parse(words, Map.of());
        ProviderResult result = Cli.scafctl().runProvider(name, in, Map.of(), plugins);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("provider", name);
        row.put("value", result.data());
        Output.print(spec.commandLine().getOut(), output, result.data(), List.of(row));
        return 0;
    }
}
