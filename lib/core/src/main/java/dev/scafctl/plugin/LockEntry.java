package dev.scafctl.plugin;

import dev.scafctl.catalog.ArtifactKind;
import dev.scafctl.oci.Digest;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One pinned plugin: the version chosen for a constraint, where it came from, and the digest
 * of its binary for every platform it has.
 *
 * @param digest    the binary's digest for the platform that built the lock (scafctl's single-digest field)
 * @param platforms every platform's digest; empty for a plugin with a single platform-less binary
 */
public record LockEntry(String name, ArtifactKind kind, String constraint, String version, String resolvedFrom,
                        Digest digest, Map<Platform, Digest> platforms) {
    public LockEntry {
        platforms = java.util.Collections.unmodifiableMap(new TreeMap<>(platforms == null ? Map.of() : platforms));
    }

    /** The pinned digest of the binary for {@code platform}. */
    public Optional<Digest> digestFor(Platform platform) {
        if (platforms.isEmpty()) return Optional.ofNullable(digest);
        return Optional.ofNullable(platforms.get(platform));
    }

    public String coordinates() {
        return name + "@" + version;
    }
}
