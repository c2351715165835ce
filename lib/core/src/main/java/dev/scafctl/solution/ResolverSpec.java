package dev.scafctl.solution;

import java.util.List;

/**
 * A named value of a solution: computed by the first source in {@code sources} that gives a
 * non-null value, then coerced to {@code type}.
 */
public record ResolverSpec(String name, String description, ValueType type, List<String> dependsOn,
                           List<SourceSpec> sources) {
    public ResolverSpec {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        sources = List.copyOf(sources);
    }
}
