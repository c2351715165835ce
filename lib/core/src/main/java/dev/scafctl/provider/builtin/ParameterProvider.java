package dev.scafctl.provider.builtin;

import dev.scafctl.provider.Provider;
import dev.scafctl.provider.ProviderContext;
import dev.scafctl.provider.ProviderDescriptor;
import dev.scafctl.provider.ProviderDescriptor.InputSpec;
import dev.scafctl.provider.ProviderResult;

import java.util.Map;

/** {@code parameter}: a run parameter by {@code key}; no value when it was not given, so the next source runs. */
final class ParameterProvider implements Provider {
    private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builtIn("parameter",
            "A parameter of the run (-r key=value, --params-file); nothing when absent",
            Map.of("key", InputSpec.required("string", "the parameter's name")));

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderResult execute(Map<String, Object> inputs, ProviderContext context) {
        Inputs in = new Inputs("parameter", inputs);
        in.allow("key");
        return ProviderResult.of(context.parameters().get(in.requiredString("key")));
    }
}
