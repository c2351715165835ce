package dev.scafctl.registry;

import dev.scafctl.error.ScafctlException;

/** The registry answered 401: it wants credentials, or refused the ones it was given. */
public class UnauthorizedException extends ScafctlException {
    private final String registry;

    public UnauthorizedException(String registry, String message, String nextStep) {
        super(message, nextStep);
        this.registry = registry;
    }

    public String registry() {
        return registry;
    }
}
