package dev.scafctl.solution;

import java.util.Map;

/**
 * One entry of {@code resolve.with}: a provider and its inputs. Input values are literals
 * (String, Long, Double, Boolean, null, List, Map) or {@link ValueRef}s, nested freely.
 */
public record SourceSpec(String provider, Map<String, Object> inputs) {
    public SourceSpec {
        inputs = inputs == null ? Map.of() : inputs;
    }
}
