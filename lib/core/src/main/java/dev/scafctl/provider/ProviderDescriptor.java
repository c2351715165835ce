package dev.scafctl.provider;

import java.util.List;
import java.util.Map;

/**
 * What a provider is and which inputs it takes.
 *
 * @param sensitiveFields inputs whose values must never be shown (redacted in output and errors)
 * @param origin          "built-in", or the plugin that serves the provider
 */
public record ProviderDescriptor(
        String name,
        String displayName,
        String description,
        String version,
        String category,
        Map<String, InputSpec> inputs,
        List<String> sensitiveFields,
        List<String> capabilities,
        String origin) {

    public ProviderDescriptor {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        sensitiveFields = sensitiveFields == null ? List.of() : List.copyOf(sensitiveFields);
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }

    public static ProviderDescriptor builtIn(String name, String description, Map<String, InputSpec> inputs) {
        return new ProviderDescriptor(name, name, description, "", "built-in", inputs, List.of(), List.of(), "built-in");
    }

    /** One input: its type name (string, int, bool, array, object, any), whether it is required. */
    public record InputSpec(String type, boolean required, String description) {
        public static InputSpec required(String type, String description) {
            return new InputSpec(type, true, description);
        }

        public static InputSpec optional(String type, String description) {
            return new InputSpec(type, false, description);
        }
    }
}
