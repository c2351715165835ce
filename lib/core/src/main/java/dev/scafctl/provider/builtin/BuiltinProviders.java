package dev.scafctl.provider.builtin;

import dev.scafctl.provider.Provider;
import dev.scafctl.provider.ProviderRegistry;

import java.util.List;

/** The providers every scafctl has, without plugins. */
public final class BuiltinProviders {
    private BuiltinProviders() {
    }

    public static List<Provider> all() {
        return List.of(new StaticProvider(), new ParameterProvider(), new EnvProvider(), new FileProvider(),
                new ExecProvider(), new CelProvider());
    }

    /** A registry holding the built-in providers. */
    public static ProviderRegistry registry() {
        ProviderRegistry registry = new ProviderRegistry();
        all().forEach(registry::register);
        return registry;
    }
}
