package dev.scafctl.plugin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scafctl.catalog.ArtifactKind;
import dev.scafctl.oci.Digest;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One pinned plugin: the version chosen for a constraint, where it came from, and the digest
 * of its binary for every platform it has.
 *
 * @param constraint the version the solution asked for when the lock was made; null in a lock
 *                   written by a tool that does not record it (then any constraint the pinned
 *                   version satisfies is served by it)
 * @param digest     the binary's digest: the only one of a plugin with a single binary, else the
 *                   one for the platform that made the lock
 * @param platforms  every platform's digest ({@code digests} in the file); empty for a plugin with
 *                   a single binary, whose one digest is then binding on every platform
 * @param extra      what else the entry holds that this tool does not act on (the Go tool's
 *                   {@code resolvedCanonical}, {@code signature}, {@code source}...), written back
 *                   as read as long as the pin is unchanged
 */
public record LockEntry(String name, ArtifactKind kind, String constraint, String version, String resolvedFrom,
                        Digest digest, Map<Platform, Digest> platforms, ObjectNode extra) {
    public LockEntry {
        platforms = java.util.Collections.unmodifiableMap(new TreeMap<>(platforms == null ? Map.of() : platforms));
        extra = extra == null ? JsonNodeFactory.instance.objectNode() : extra.deepCopy();
    }

    public LockEntry(String name, ArtifactKind kind, String constraint, String version, String resolvedFrom,
                     Digest digest, Map<Platform, Digest> platforms) {
        this(name, kind, constraint, version, resolvedFrom, digest, platforms, null);
    }

    /** The pinned digest of the binary for {@code platform}. */
    public Optional<Digest> digestFor(Platform platform) {
        if (platforms.isEmpty()) return Optional.ofNullable(digest);
        return Optional.ofNullable(platforms.get(platform));
    }

    /** True when both pin the same bytes: same plugin, version and digests (where they came from aside). */
    public boolean samePin(LockEntry other) {
        return name.equals(other.name) && kind == other.kind && version.equals(other.version)
                && Objects.equals(digest, other.digest) && platforms.equals(other.platforms);
    }

    /** This entry with {@code from}'s extra fields, which describe the same pin. */
    public LockEntry withExtra(ObjectNode from) {
        return new LockEntry(name, kind, constraint, version, resolvedFrom, digest, platforms, from);
    }

    public String coordinates() {
        return name + "@" + version;
    }
}
