package dev.scafctl.plugin;

import dev.scafctl.oci.Digest;

/**
 * One binary of a plugin version.
 *
 * @param platform null for a single-platform plugin published without a platform
 * @param digest   null when the source cannot give one (a filesystem mirror without {@code .sha256})
 * @param size     bytes, or -1 when unknown
 * @param locator  where the source finds it (a blob digest, a path); opaque to everyone else
 */
public record PluginBinary(Platform platform, Digest digest, long size, String locator) {
}
