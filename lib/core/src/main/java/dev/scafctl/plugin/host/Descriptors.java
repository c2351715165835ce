package dev.scafctl.plugin.host;

import dev.scafctl.proto.provider.Parameter;
import dev.scafctl.provider.ProviderDescriptor;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a plugin's descriptor into the engine's, recording which plugin serves the provider. */
final class Descriptors {
    private Descriptors() {
    }

    static ProviderDescriptor fromWire(dev.scafctl.proto.provider.ProviderDescriptor d, String fallbackName, String origin) {
        Map<String, ProviderDescriptor.InputSpec> inputs = new LinkedHashMap<>();
        if (d.hasSchema()) {
            new java.util.TreeMap<>(d.getSchema().getParametersMap()).forEach((name, p) -> inputs.put(name, input(p)));
        }
        String name = d.getName().isEmpty() ? fallbackName : d.getName();
        return new ProviderDescriptor(name, d.getDisplayName().isEmpty() ? name : d.getDisplayName(),
                d.getDescription(), d.getVersion(), d.getCategory(), inputs, d.getSensitiveFieldsList(),
                d.getCapabilitiesList(), origin);
    }

    private static ProviderDescriptor.InputSpec input(Parameter p) {
        return new ProviderDescriptor.InputSpec(p.getType().isEmpty() ? "any" : p.getType(), p.getRequired(), p.getDescription());
    }
}
