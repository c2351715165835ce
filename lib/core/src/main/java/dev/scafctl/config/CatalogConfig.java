package dev.scafctl.config;

/**
 * One configured catalog.
 *
 * @param type     {@code oci} (a registry, {@code url}) or {@code filesystem} (a directory mirror, {@code path})
 * @param insecure plain HTTP allowed even off loopback
 * @param caFile   extra CA certificates (PEM) trusted for this registry
 */
public record CatalogConfig(String name, String type, String url, String path, boolean insecure, String caFile) {
    public static final String OCI = "oci";
    public static final String FILESYSTEM = "filesystem";

    public static CatalogConfig oci(String name, String url, boolean insecure) {
        return new CatalogConfig(name, OCI, url, null, insecure, null);
    }

    public static CatalogConfig filesystem(String name, String path) {
        return new CatalogConfig(name, FILESYSTEM, null, path, false, null);
    }
}
