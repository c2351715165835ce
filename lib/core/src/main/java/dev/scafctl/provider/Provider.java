package dev.scafctl.provider;

import java.util.Map;

/**
 * A source of values for resolvers. Built-in providers implement it directly; plugin-backed
 * providers implement it by calling a plugin process.
 */
public interface Provider {

    /** Name, description and input schema; stable for the provider's lifetime. */
    ProviderDescriptor descriptor();

    /**
     * Computes a value from inputs whose value references have already been evaluated.
     * A result with null data means "no value here": the resolver tries its next source.
     *
     * @throws ProviderException when the provider ran and failed
     */
    ProviderResult execute(Map<String, Object> inputs, ProviderContext context);

    /**
     * Resolver names this provider will read through its inputs beyond the value references
     * the engine already sees (for example the {@code cel} provider's expression). Literal inputs only.
     */
    default java.util.Set<String> extractDependencies(Map<String, Object> inputs) {
        return java.util.Set.of();
    }

    default String name() {
        return descriptor().name();
    }
}
