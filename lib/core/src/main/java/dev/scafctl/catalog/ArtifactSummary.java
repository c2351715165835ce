package dev.scafctl.catalog;

import dev.scafctl.oci.Digest;

/**
 * One tagged version in a catalog listing.
 *
 * @param version the version or alias (tag read back, {@code _} as {@code +})
 * @param digest  the tagged manifest or index; null when the tag vanished while it was listed
 */
public record ArtifactSummary(String catalog, ArtifactKind kind, String name, String version, Digest digest,
                              String mediaType) {
}
