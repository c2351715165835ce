package dev.scafctl.provider.builtin;

import dev.scafctl.provider.Provider;
import dev.scafctl.provider.ProviderContext;
import dev.scafctl.provider.ProviderDescriptor;
import dev.scafctl.provider.ProviderDescriptor.InputSpec;
import dev.scafctl.provider.ProviderResult;

import java.util.Map;

/** {@code env}: an environment variable by {@code name}, else {@code default}, else no value. */
final class EnvProvider implements Provider {
    private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builtIn("env",
            "An environment variable; 'default' when it is unset",
            Map.of("name", InputSpec.required("string", "the variable"),
                    "default", InputSpec.optional("any", "the value when the variable is unset")));

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderResult execute(Map<String, Object> inputs, ProviderContext context) {
        Inputs in = new Inputs("env", inputs);
        in.allow("name", "default");
        String value = System.getenv(in.requiredString("name"));
        return ProviderResult.of(value != null ? value : in.raw("default"));
    }
}
