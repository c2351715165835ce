package dev.scafctl.plugin.sdk;

import java.util.List;
import java.util.Map;

/** What a provider returns: its value ({@code data}), warnings for the user, and free-form metadata. */
public record Result(Object data, List<String> warnings, Map<String, Object> metadata) {
    public Result {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        metadata = metadata == null ? Map.of() : metadata;
    }

    public static Result of(Object data) {
        return new Result(data, List.of(), Map.of());
    }

    public Result withWarning(String warning) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.add(warning);
        return new Result(data, all, metadata);
    }
}
