package dev.scafctl.error;

/** The request itself is wrong: a flag, a file, a reference. Exit code 2; nothing was written. */
public class InvalidInputException extends ScafctlException {
    public InvalidInputException(String message, String nextStep) {
        super(message, nextStep);
    }

    public InvalidInputException(String message, String nextStep, Throwable cause) {
        super(message, nextStep, cause);
    }

    @Override
    public boolean isInvalidInput() {
        return true;
    }
}
