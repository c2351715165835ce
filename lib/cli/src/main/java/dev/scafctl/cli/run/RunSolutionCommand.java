package dev.scafctl.cli.run;

import dev.scafctl.Scafctl;
import dev.scafctl.cli.Cli;
import dev.scafctl.cli.KeyValues;
import dev.scafctl.cli.Output;
import dev.scafctl.cli.OutputFormat;
import dev.scafctl.error.InvalidInputException;
import dev.scafctl.format.Formats;
import dev.scafctl.io.BoundedFiles;
import dev.scafctl.resolver.RunOptions;
import dev.scafctl.solution.Solution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code scafctl run solution}. */
@Command(name = "solution", mixinStandardHelpOptions = true,
        description = "Run a solution's resolvers and print their values.")
public final class RunSolutionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE|NAME@VERSION|REF",
            description = "A solution file, a solution in the local catalog (NAME@VERSION), or a registry reference (pulled first).")
    String file;

    @Option(names = {"-r", "--param"}, paramLabel = "KEY=VALUE", description = "A parameter for the 'parameter' provider; repeatable.")
    List<String> params = new ArrayList<>();

    @Option(names = "--params-file", paramLabel = "FILE", description = "A YAML or JSON mapping of parameters; -r wins over it.")
    Path paramsFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml (default), json or table.")
    OutputFormat output;

    @Option(names = "--resolver", paramLabel = "NAME", description = "Compute this resolver (and what it needs) and print its value alone.")
    String resolver;

    @Option(names = "--max-concurrency", paramLabel = "N", defaultValue = "-1",
            description = "Most resolvers computed at once within a phase (default: ${DEFAULT-VALUE} means 2 per CPU, at least 4).")
    int maxConcurrency;

    @Override
    public Integer call() {
        Scafctl scafctl = Cli.scafctl();
        Map<String, Object> parameters = new LinkedHashMap<>(readParamsFile());
        parameters.putAll(KeyValues.parse(params, "-r"));
        RunOptions options = new RunOptions(parameters,
                maxConcurrency == -1 ? RunOptions.DEFAULT_CONCURRENCY : maxConcurrency, resolver, scafctl.listener());
        Solution solution = isCatalogReference(file) ? scafctl.catalogs().loadSolution(file) : scafctl.loadSolution(Path.of(file));
        Map<String, Object> values = scafctl.run(solution, options);
        var out = spec.commandLine().getOut();
        if (resolver != null) {
            Object v = values.get(resolver);
            Output.print(out, output, v, List.of(row(resolver, v)));
        } else {
            List<Map<String, Object>> rows = new ArrayList<>();
            values.forEach((k, v) -> rows.add(row(k, v)));
            Output.print(out, output, values, rows);
        }
        return 0;
    }

    /** NAME@VERSION or host/path/...: a solution from a catalog, unless a file of that name exists. */
    private static boolean isCatalogReference(String value) {
        if (!value.contains("@") && !dev.scafctl.oci.Reference.looksLikeRegistry(value)) return false;
        try {
            return !Files.isRegularFile(Path.of(value));
        } catch (java.nio.file.InvalidPathException e) {
            return true;
        }
    }

    private static Map<String, Object> row(String name, Object value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("resolver", name);
        row.put("value", value);
        return row;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readParamsFile() {
        if (paramsFile == null) return Map.of();
        String text;
        try {
            text = BoundedFiles.readText(paramsFile, Formats.MAX_DOCUMENT_CHARS, "--params-file",
                    "keep parameters small: put large data in a file that the solution reads with the file provider");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException("--params-file " + paramsFile + " not found (looked in "
                    + paramsFile.toAbsolutePath().getParent() + ")", "check the path; it is relative to the current directory");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read --params-file " + paramsFile + ": " + e.getMessage(),
                    "check the path and the file's permissions");
        }
        Object data = Formats.toJava(Formats.readYamlTree(text, paramsFile.toString()));
        if (data == null) return Map.of();
        if (!(data instanceof Map)) {
            throw new InvalidInputException("--params-file " + paramsFile + " must hold a mapping of names to values",
                    "write it as 'name: value' lines");
        }
        return (Map<String, Object>) data;
    }
}
