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

    /** A value for a message, quoted; a very long one is cut, so that refusing it does not flood the terminal. */
    public static String shown(String value) {
        if (value == null) return "null";
        if (value.length() <= 80) return "'" + value + "'";
        return "'" + value.substring(0, 40) + "...' (" + value.length() + " characters)";
    }
}
