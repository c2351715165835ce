package dev.scafctl.plugin;

import dev.scafctl.catalog.ArtifactKind;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where plugin versions and binaries come from: the local catalog, a remote registry, a
 * filesystem mirror. Implementations only answer questions; choosing among sources is
 * {@link PluginResolver}'s job, verifying and caching is {@link PluginCache}'s.
 */
public interface PluginSource {

    /** The catalog's name, as shown in messages and recorded in the lock ({@code resolvedFrom}). */
    String name();

    /** Versions of the plugin this source has; empty when it has none. */
    List<String> versions(String name, ArtifactKind kind);

    /** What one version holds (its platforms and their digests), without fetching binaries. */
    Optional<PluginArtifact> describe(String name, ArtifactKind kind, String version);

    /** Writes the binary to {@code out}; the caller hashes and verifies what arrives. */
    void fetch(PluginArtifact artifact, PluginBinary binary, OutputStream out) throws IOException;
}
