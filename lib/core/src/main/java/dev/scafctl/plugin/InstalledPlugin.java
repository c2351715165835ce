package dev.scafctl.plugin;

import dev.scafctl.catalog.ArtifactKind;
import dev.scafctl.oci.Digest;

import java.nio.file.Path;

/**
 * A verified binary in the cache, ready to launch.
 *
 * @param downloaded false when the cache already held it
 */
public record InstalledPlugin(String name, ArtifactKind kind, String version, Platform platform, Path path,
                              Digest digest, boolean downloaded) {
}
