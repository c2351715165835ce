package dev.scafctl.cli;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

/** The {@code scafctl} process: runs the command tree and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        StartupCache.prepare();
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // answered without building the command tree: a version check should cost a JVM start, no more
            for (String line : new VersionProvider().getVersion()) System.out.println(line);
            System.exit(ExitCode.OK);
        }
        System.exit(run(args));
    }

    /** Runs one command line and returns the exit code, for callers that keep their JVM (tests, JShell). */
    public static int run(String... args) {
        return newCommandLine(args).execute(args);
    }

    /** The whole command tree. */
    public static CommandLine newCommandLine() {
        return newCommandLine(new String[0]);
    }

    /**
     * The command tree for one command line: when its first word names a top-level command, the
     * tree holds only that branch (the others would be built for nothing); otherwise (help, a
     * misspelt command, no command) all of it, so help and suggestions see every command.
     */
    public static CommandLine newCommandLine(String... args) {
        // picocli's default factory otherwise loads Groovy's Closure to support closures in
        // annotations, which none of our commands use: that starts Groovy's runtime, a tenth of a
        // second on every command; the DSL loads Groovy itself when a script runs
        if (System.getProperty("picocli.disable.closures") == null) System.setProperty("picocli.disable.closures", "true");
        GlobalOptions.reset();
        CommandLine cli = new CommandLine(new ScafctlCommand());
        String named = firstWord(args);
        boolean one = ScafctlCommand.SUBCOMMANDS.stream().anyMatch(c -> nameOf(c).equals(named));
        for (Class<?> command : ScafctlCommand.SUBCOMMANDS) {
            if (!one || nameOf(command).equals(named)) cli.addSubcommand(command);
        }
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new ErrorHandler());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // a class, not a lambda: a lambda proxy of picocli's (Java 5) interface is re-made when the
        // start-up archive is dumped, which links picocli and keeps all of it out of the archive
        cli.setExecutionStrategy(new RecordingStrategy());
        // '@file' is the Go scafctl's parameter file (run ... @params.yaml), not picocli's argument file
        cli.setExpandAtFiles(false);
        // everything after the script's name belongs to the script
        CommandLine dsl = cli.getSubcommands().get("dsl");
        if (dsl != null) dsl.getSubcommands().get("run").setStopAtPositional(true);
        return cli;
    }

    /** The first argument that is not an option of the root command (those are all flags). */
    private static String firstWord(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) return arg;
        }
        return null;
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(CommandLine.Command.class).name();
    }

    /** Runs the last command, having told {@link GlobalOptions} which command path it is. */
    private static final class RecordingStrategy implements CommandLine.IExecutionStrategy {
        @Override
        public int execute(CommandLine.ParseResult parsed) {
            List<String> path = new ArrayList<>();
            for (CommandLine c : parsed.asCommandLineList()) path.add(c.getCommandName());
            GlobalOptions.commandPath(path);
            return new CommandLine.RunLast().execute(parsed);
        }
    }
}
