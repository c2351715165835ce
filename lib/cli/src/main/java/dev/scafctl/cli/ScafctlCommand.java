package dev.scafctl.cli;

import dev.scafctl.cli.build.BuildCommand;
import dev.scafctl.cli.catalog.CatalogCommand;
import dev.scafctl.cli.config.ConfigCommand;
import dev.scafctl.cli.dsl.DslCommand;
import dev.scafctl.cli.plugins.PluginsCommand;
import dev.scafctl.cli.run.RunCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.List;

/**
 * The root of the command tree. Its subcommands are added by {@link Main#newCommandLine(String...)}:
 * all of them, or only the one the arguments name, since building the whole tree costs every
 * command a twentieth of a second.
 */
@Command(name = "scafctl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs solutions: YAML files whose resolvers compute named values by calling providers.",
        footer = {"", "Exit codes: 0 success, 1 failure, 2 invalid input.",
                "Files: config in $XDG_CONFIG_HOME/scafctl, catalog in $XDG_DATA_HOME/scafctl, plugins in $XDG_CACHE_HOME/scafctl."})
public final class ScafctlCommand implements Runnable {
    /** The top-level commands in the order help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, BuildCommand.class, PluginsCommand.class,
            CatalogCommand.class, ConfigCommand.class, DslCommand.class, CompletionCommand.class);

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show progress notes, plugin logs and stack traces.")
    void setVerbose(boolean verbose) {
        Verbosity.set(verbose);
    }

    // arity 0..1: --quiet=false overrides a config's settings.quiet, as cobra's boolean flags allow
    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, arity = "0..1", paramLabel = "BOOL",
            description = "Ask plugins for no output beyond results (default: settings.quiet of the config).")
    void setQuiet(Boolean quiet) {
        GlobalOptions.quiet(quiet);
    }

    @Option(names = "--no-color", scope = ScopeType.INHERIT, arity = "0..1", paramLabel = "BOOL",
            description = "Ask plugins for output without colour (default: settings.noColor of the config).")
    void setNoColor(Boolean noColor) {
        GlobalOptions.noColor(noColor);
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
