package dev.scafctl.provider.builtin;

import dev.scafctl.provider.Provider;
import dev.scafctl.provider.ProviderContext;
import dev.scafctl.provider.ProviderDescriptor;
import dev.scafctl.provider.ProviderDescriptor.InputSpec;
import dev.scafctl.provider.ProviderResult;
import dev.scafctl.resolver.ResolverEngine;

import java.util.Map;
import java.util.Set;

/** {@code cel}: evaluates {@code expression} over {@code _}, the values resolved so far. */
final class CelProvider implements Provider {
    private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builtIn("cel",
            "Evaluates a CEL expression over _, the resolved values",
            Map.of("expression", InputSpec.required("string", "e.g. _.name + '-svc'")));

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Set<String> extractDependencies(Map<String, Object> inputs) {
        Object e = inputs.get("expression");
        return e instanceof String s ? ResolverEngine.expressionReferences(s, "cel provider") : Set.of();
    }

    @Override
    public ProviderResult execute(Map<String, Object> inputs, ProviderContext context) {
        Inputs in = new Inputs("cel", inputs);
        in.allow("expression");
        return ProviderResult.of(ResolverEngine.evaluateExpression(in.requiredString("expression"),
                context.values(), "cel provider"));
    }
}
