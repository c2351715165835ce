package dev.scafctl.catalog;

import dev.scafctl.oci.Reference;

import java.nio.file.Path;

/**
 * A remote catalog resolved from {@code --catalog} or the config.
 *
 * @param name     the configured name, or the URL when given directly
 * @param url      registry and repository prefix
 * @param insecure plain HTTP allowed off loopback
 * @param caFile   extra trusted CA certificates; may be null
 */
public record CatalogTarget(String name, Reference url, boolean insecure, Path caFile) {
}
