package dev.scafctl.cli.build;

import dev.scafctl.catalog.ArtifactInfo;
import dev.scafctl.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code scafctl build solution}. */
@Command(name = "solution",
        description = {"Store a solution file in the local catalog as solution/NAME:VERSION, and pin its plugins",
                "(resolved through the catalog chain) in .scafctl.lock.yaml beside the file."})
public final class BuildSolutionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    // declared here rather than through the standard mixin: this command's --version is the artifact's
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The solution file.")
    Path file;

    @Option(names = "--version", paramLabel = "VERSION", description = "The version (default: metadata.version).")
    String version;

    @Option(names = "--force", description = "Replace an existing version.")
    boolean force;

    @Override
    public Integer call() {
        var built = Cli.scafctl().buildSolution(file, version, force);
        ArtifactInfo info = built.artifact();
        spec.commandLine().getOut().println("built solution " + info.name() + "@" + info.version() + " " + info.digest());
        for (var e : built.lock().plugins()) {
            spec.commandLine().getOut().println("locked " + e.kind().id() + " " + e.coordinates() + " from " + e.resolvedFrom()
                    + " (" + (e.platforms().isEmpty() ? "1 binary" : e.platforms().size() + (e.platforms().size() == 1 ? " platform" : " platforms")) + ")");
        }
        return 0;
    }
}
