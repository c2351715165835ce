package dev.scafctl.cli.run;

import dev.scafctl.Scafctl;
import dev.scafctl.cli.Cli;
import dev.scafctl.cli.Output;
import dev.scafctl.cli.OutputFormat;
import dev.scafctl.cli.ParamArgs;
import dev.scafctl.resolver.RunOptions;
import dev.scafctl.solution.Solution;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The flags {@code run solution} and {@code run resolver} share, named and meant as in the Go scafctl, and the run they make. */
public final class ResolverRun {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE|NAME@VERSION|REF",
            description = "A solution file, a solution in the local catalog (NAME@VERSION), or a registry reference (pulled first). "
                    + "Without it and without a positional NAME[@VERSION], the working directory's solution.yaml (as the Go scafctl looks for it).")
    String file;

    @Option(names = {"-r", "--resolver"}, paramLabel = "KEY=VALUE",
            description = "A parameter: key=value, key=@FILE or key=@- (a file's or stdin's text), @FILE.yaml or @- (a mapping of many); "
                    + "repeatable, a key given twice becomes a list.")
    List<String> params = new ArrayList<>();

    @Option(names = "--params-file", paramLabel = "FILE", description = "A YAML or JSON mapping of parameters; -r wins over it.")
    Path paramsFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml (default), json or table.")
    OutputFormat output;

    @Option(names = "--max-concurrency", paramLabel = "N", defaultValue = "-1",
            description = "Most resolvers computed at once within a phase (default: ${DEFAULT-VALUE} means 2 per CPU, at least 4).")
    int maxConcurrency;

    @Mixin
    Interactive interactive;

    /** Computes {@code names} (all when empty) and what they need, and prints every value computed. */
    void run(java.io.PrintWriter out, String command, String reference, List<String> positionalParams, List<String> names) {
        interactive.refuseIfAsked("");
        ParamArgs parser = new ParamArgs("-r/--resolver", ResolverRun::hint, System.in);
        Map<String, Object> parameters = paramsFile == null ? Map.of() : parser.readMapping(paramsFile.toString(), "--params-file");
        List<String> words = new ArrayList<>(params);
        words.addAll(positionalParams);
        parameters = parser.parse(words, parameters);
        Scafctl scafctl = Cli.scafctl();
        Solution solution = SolutionSource.load(scafctl, file, reference, command);
        Map<String, Object> values = scafctl.run(solution, new RunOptions(parameters,
                maxConcurrency == -1 ? RunOptions.DEFAULT_CONCURRENCY : maxConcurrency, names, scafctl.listener()));
        List<Map<String, Object>> rows = new ArrayList<>();
        values.forEach((k, v) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("resolver", k);
            row.put("value", v);
            rows.add(row);
        });
        Output.print(out, output, values, rows);
    }

    /** Our -r once took a resolver's name; it is a parameter now, as in Go, and a bare name says where resolvers are chosen. */
    private static String hint(String word) {
        return word.contains("=") || word.startsWith("@") ? "write it as -r name=value"
                : "-r/--resolver passes a parameter, as in the Go scafctl; to compute only the resolver '" + word
                + "' (and what it needs), run 'scafctl run resolver " + word + " -f FILE'";
    }
}
