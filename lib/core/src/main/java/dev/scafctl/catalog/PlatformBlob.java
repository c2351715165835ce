package dev.scafctl.catalog;

import dev.scafctl.oci.Digest;
import dev.scafctl.plugin.Platform;

/**
 * One platform's binary of a plugin, as a catalog describes it before anything is downloaded.
 *
 * @param platform       null for a single-platform plugin whose manifest names no platform
 * @param manifestDigest the per-platform image manifest
 * @param blobDigest     the binary layer: what a download must hash to
 * @param size           the binary's size in bytes
 */
public record PlatformBlob(Platform platform, Digest manifestDigest, Digest blobDigest, long size, String mediaType) {
}
