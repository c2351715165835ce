package dev.scafctl.cli.run;

import dev.scafctl.cli.ParamArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code scafctl run resolver [NAME[@VERSION]] [RESOLVER...] [KEY=VALUE...]}: the named resolvers
 * and what they need, the words sorted as the Go scafctl sorts them.
 */
@Command(name = "resolver", mixinStandardHelpOptions = true,
        description = "Compute the named resolvers (all when none) and what they need, and print every value computed.")
public final class RunResolverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "WORD", description = "Without -f, the first bare word is the solution (NAME[@VERSION] or a registry "
            + "reference); the other bare words are resolvers; words with '=' or starting with '@' are parameters, as after -r.")
    List<String> words = new ArrayList<>();

    @Mixin
    ResolverRun run;

    @Override
    public Integer call() {
        String reference = null;
        List<String> names = new ArrayList<>();
        List<String> params = new ArrayList<>();
        for (String w : words) {
            if (ParamArgs.isParameter(w)) {
                params.add(w);
            } else if (run.file == null && reference == null) {
                reference = w;
            } else {
                names.add(w);
            }
        }
        run.run(spec.commandLine().getOut(), "scafctl run resolver", reference, params, names);
        return 0;
    }
}
