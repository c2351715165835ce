package dev.scafctl.provider.builtin;

import dev.scafctl.provider.Provider;
import dev.scafctl.provider.ProviderContext;
import dev.scafctl.provider.ProviderDescriptor;
import dev.scafctl.provider.ProviderDescriptor.InputSpec;
import dev.scafctl.provider.ProviderResult;

import java.util.Map;

/** {@code static}: the literal {@code value} input. */
final class StaticProvider implements Provider {
    private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builtIn("static",
            "Returns its 'value' input as it is", Map.of("value", InputSpec.optional("any", "the value")));

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderResult execute(Map<String, Object> inputs, ProviderContext context) {
        new Inputs("static", inputs).allow("value");
        return ProviderResult.of(inputs.get("value"));
    }
}
