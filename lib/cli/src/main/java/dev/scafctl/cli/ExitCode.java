package dev.scafctl.cli;

/** The exit codes of every scafctl command. */
public final class ExitCode {
    public static final int OK = 0;
    /** The command ran and failed: a provider, a registry, a plugin. */
    public static final int FAILED = 1;
    /** The request was wrong: flags, files, references. Nothing was written. */
    public static final int INVALID_INPUT = 2;

    private ExitCode() {
    }
}
