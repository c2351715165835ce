package dev.scafctl.cli;

import picocli.CommandLine;

/** The {@code scafctl} process: runs the command tree and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // picocli would load groovy.lang.Closure to support closures in annotations, which this CLI does
        // not use; loading it initialises the Groovy runtime: 0.1 s of CPU on every command
        System.setProperty("picocli.disable.closures", "true");
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // answered without building the command tree: a version check should cost a JVM start, no more
            for (String line : new VersionProvider().getVersion()) System.out.println(line);
            System.exit(ExitCode.OK);
        }
        System.exit(run(args));
    }

    /** Runs one command line and returns the exit code, for callers that keep their JVM (tests, JShell). */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new ScafctlCommand());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new ErrorHandler());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // everything after the script's name belongs to the script
        cli.getSubcommands().get("dsl").getSubcommands().get("run").setStopAtPositional(true);
        return cli;
    }
}
