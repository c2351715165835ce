package dev.scafctl.provider;

import java.util.List;
import java.util.Map;

/**
 * What a provider returned: the value ({@code data}) and optional warnings and metadata,
 * the same envelope plugins send as JSON.
 */
public record ProviderResult(Object data, List<String> warnings, Map<String, Object> metadata) {

    public ProviderResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        metadata = metadata == null ? Map.of() : metadata;
    }

    public static ProviderResult of(Object data) {
        return new ProviderResult(data, List.of(), Map.of());
    }

    public static ProviderResult empty() {
        return of(null);
    }
}
