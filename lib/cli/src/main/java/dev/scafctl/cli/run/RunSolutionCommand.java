package dev.scafctl.cli.run;

import dev.scafctl.cli.ParamArgs;
import dev.scafctl.error.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code scafctl run solution [NAME[@VERSION]]}, with the Go scafctl's flags. */
@Command(name = "solution", mixinStandardHelpOptions = true,
        description = "Run a solution's resolvers and print their values.")
public final class RunSolutionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME[@VERSION]",
            description = "A solution in the local catalog (its highest version without @VERSION) or a registry reference.")
    String reference;

    @Mixin
    ResolverRun run;

    @Override
    public Integer call() {
        if (reference != null && ParamArgs.isParameter(reference)) {
            // Go's run solution takes one positional word, the solution; parameters go after -r
            throw new InvalidInputException("'run solution' takes parameters after -r/--resolver, as the Go scafctl does, not as "
                    + InvalidInputException.shown(reference), "write -r " + reference + ", or use 'scafctl run resolver', which takes "
                    + reference + " as it is");
        }
        run.run(spec.commandLine().getOut(), "scafctl run solution", reference, List.of(), List.of());
        return 0;
    }
}
