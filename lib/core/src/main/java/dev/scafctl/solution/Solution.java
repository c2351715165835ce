package dev.scafctl.solution;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parsed, validated solution.
 *
 * @param include         {@code bundle.include}: paths and globs of the files built into its artifact
 * @param resolvers       in the order the file declares them
 * @param source          the file it was read from; null when built in memory or read from a catalog
 * @param bundleDirectory where a catalog solution's bundled files were extracted; null otherwise
 */
public record Solution(String apiVersion, SolutionMetadata metadata, List<PluginRequirement> plugins, List<String> include,
                       Map<String, ResolverSpec> resolvers, Path source, Path bundleDirectory) {
    public static final String API_VERSION = "scafctl.io/v1";
    public static final String KIND = "Solution";

    public Solution {
        plugins = List.copyOf(plugins);
        include = include == null ? List.of() : List.copyOf(include);
        resolvers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(resolvers));
    }

    /**
     * Directory that relative paths in the solution are resolved against: its bundle's files when
     * it came from a catalog with a bundle, else the solution file's directory, else the current one.
     */
    public Path baseDirectory() {
        if (bundleDirectory != null) return bundleDirectory;
        return source == null ? Path.of("").toAbsolutePath()
                : source.toAbsolutePath().getParent();
    }

    /** This solution, run from the directory its bundle was extracted into. */
    public Solution withBundleDirectory(Path dir) {
        return new Solution(apiVersion, metadata, plugins, include, resolvers, source, dir);
    }
}
