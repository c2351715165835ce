package dev.scafctl.plugin.sdk;

/**
 * A provider served by a plugin. Implement {@link #execute}; override {@link #executeStreaming}
 * to send output while the provider runs (the host shows it live).
 */
public interface Provider {

    Descriptor descriptor();

    /**
     * Computes the provider's value.
     *
     * @throws ProviderFailure when the provider ran and failed: the host reports the message
     */
    Result execute(Request request);

    /** True when {@link #executeStreaming} is implemented; otherwise the host falls back to {@link #execute}. */
    default boolean streams() {
        return false;
    }

    /** Like {@link #execute}, writing output chunks to {@code output} as they are produced. */
    default Result executeStreaming(Request request, Output output) {
        return execute(request);
    }

    /**
     * Receives the host's configuration, once, before the first call; every {@link Request} carries
     * it too.
     *
     * @throws ProviderFailure to refuse it: the host reports the message and does not use the provider
     */
    default void configure(Configuration configuration) {
    }

    /** A one-line description of what {@link #execute} would do with these inputs, for dry runs. */
    default String describeWhatIf(Request request) {
        return "";
    }
}
