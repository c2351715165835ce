package dev.scafctl.provider;

import dev.scafctl.error.InvalidInputException;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Providers by name. Registering a second provider under a taken name is an error naming both. */
public final class ProviderRegistry {
    private final Map<String, Provider> providers = Collections.synchronizedMap(new TreeMap<>());

    public ProviderRegistry register(Provider provider) {
        String name = provider.name();
        synchronized (providers) {
            Provider existing = providers.get(name);
            if (existing != null) {
                throw new InvalidInputException(
                        "provider name clash: '" + name + "' is served by " + existing.descriptor().origin()
                                + " and by " + provider.descriptor().origin(),
                        "remove one of them from bundle.plugins, or ask the plugin's author to rename the provider");
            }
            providers.put(name, provider);
        }
        return this;
    }

    public Optional<Provider> find(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    /** Names in sorted order. */
    public java.util.List<String> names() {
        synchronized (providers) {
            return java.util.List.copyOf(providers.keySet());
        }
    }
}
