package dev.scafctl.cli;

import dev.scafctl.error.Printable;
import dev.scafctl.error.ScafctlException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * The one place that turns failures into messages and exit codes: the message, then what to do
 * next; a stack trace only with {@code --verbose}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        ConsoleListener.clearProgress();
        PrintWriter err = cmd.getErr();
        if (ex instanceof ScafctlException se) {
            err.println("Error: " + se.getMessage());
            if (se.nextStep() != null && !se.nextStep().isBlank()) err.println("Next: " + se.nextStep());
            if (Verbosity.isVerbose()) ex.printStackTrace(err);
            err.flush();
            return se.isInvalidInput() ? ExitCode.INVALID_INPUT : ExitCode.FAILED;
        }
        err.println("Error: unexpected failure: " + Printable.of(String.valueOf(ex)));
        if (Verbosity.isVerbose()) {
            ex.printStackTrace(err);
        } else {
            err.println("Next: run again with --verbose to see where it failed, and report it with that output");
        }
        err.flush();
        return ExitCode.FAILED;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("Error: " + Printable.of(ex.getMessage()));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Next: see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
        }
        err.flush();
        return ExitCode.INVALID_INPUT;
    }
}
