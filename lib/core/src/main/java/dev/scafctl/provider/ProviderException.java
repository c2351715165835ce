package dev.scafctl.provider;

import dev.scafctl.error.ScafctlException;

/** A provider ran and failed. The engine adds the resolver's name. */
public class ProviderException extends ScafctlException {
    public ProviderException(String message, String nextStep) {
        super(message, nextStep);
    }

    public ProviderException(String message, String nextStep, Throwable cause) {
        super(message, nextStep, cause);
    }
}
