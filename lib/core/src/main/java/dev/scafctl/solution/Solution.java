package dev.scafctl.solution;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parsed, validated solution.
 *
 * @param resolvers in the order the file declares them
 * @param source    the file it was read from; null when built in memory
 */
public record Solution(String apiVersion, SolutionMetadata metadata, List<PluginRequirement> plugins,
                       Map<String, ResolverSpec> resolvers, Path source) {
    public static final String API_VERSION = "scafctl.io/v1";
    public static final String KIND = "Solution";

    public Solution {
        plugins = List.copyOf(plugins);
        resolvers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(resolvers));
    }

    /** Directory that relative paths in the solution are resolved against. */
    public Path baseDirectory() {
        return source == null ? Path.of("").toAbsolutePath()
                : source.toAbsolutePath().getParent();
    }
}
