package dev.scafctl.solution;

import dev.scafctl.catalog.ArtifactKind;

/**
 * One {@code bundle.plugins} entry: a plugin the solution needs, and the versions it accepts.
 *
 * @param constraint a semver constraint as written ({@code ^1.5.0}, {@code ~1.5.0}, {@code >=2.0.0}, {@code 1.2.3})
 */
public record PluginRequirement(String name, ArtifactKind kind, String constraint) {
    @Override
    public String toString() {
        return "plugin " + name + " (" + kind.id() + ")";
    }
}
