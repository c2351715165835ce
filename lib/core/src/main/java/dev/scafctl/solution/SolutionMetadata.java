package dev.scafctl.solution;

import java.util.List;

/** {@code metadata} of a solution. */
public record SolutionMetadata(String name, String version, String displayName, String description,
                               String category, List<String> tags) {
    public SolutionMetadata {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
