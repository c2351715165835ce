package dev.scafctl.plugin.sdk;

/** Thrown by a provider that ran and failed; the message reaches the user through the host. */
public class ProviderFailure extends RuntimeException {
    public ProviderFailure(String message) {
        super(message);
    }

    public ProviderFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
