package dev.scafctl.error;

/**
 * A failure the user can act on. The message states the facts (what, which value, where);
 * {@link #nextStep()} says what to do about it. The CLI prints both and maps
 * {@link #isInvalidInput()} to exit code 2, everything else to 1. Both are {@link Printable}: a
 * message that quotes a plugin or a registry cannot carry terminal control sequences.
 */
public class ScafctlException extends RuntimeException {
    private final String nextStep;

    public ScafctlException(String message, String nextStep) {
        this(message, nextStep, null);
    }

    public ScafctlException(String message, String nextStep, Throwable cause) {
        super(Printable.of(message), cause);
        this.nextStep = Printable.of(nextStep);
    }

    /** What the user should do next; may be null when the message already says it. */
    public String nextStep() {
        return nextStep;
    }

    /** True when the request itself was wrong (bad flags, bad YAML, bad references). */
    public boolean isInvalidInput() {
        return false;
    }
}
