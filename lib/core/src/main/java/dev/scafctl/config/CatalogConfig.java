package dev.scafctl.config;

import java.nio.file.Path;

/**
 * One catalog of {@code config.yaml}, with the fields of the Go scafctl's {@code CatalogConfig}
 * that this scafctl reads, and two of its own ({@code insecure}, {@code caFile}) that the Go
 * scafctl passes over.
 *
 * @param type         {@code oci} (a registry, {@code url}), {@code filesystem} (a directory
 *                     mirror, {@code path}) or {@code http} (read, kept, never searched)
 * @param url          {@code host[:port][/path]}, with or without {@code oci://} or {@code https://}
 * @param insecure     plain HTTP allowed even off loopback
 * @param caFile       extra CA certificates (PEM) trusted for this registry
 * @param authProvider the Go scafctl's auth handler for this catalog (e.g. github); kept and shown,
 *                     while this scafctl takes credentials from {@code catalog login} and docker's config
 * @param authScope    the OAuth scope that handler asks for; kept and shown
 */
public record CatalogConfig(String name, String type, String url, String path, boolean insecure, String caFile,
                            String authProvider, String authScope) {
    public static final String OCI = "oci";
    public static final String FILESYSTEM = "filesystem";
    public static final String HTTP = "http";

    public CatalogConfig(String name, String type, String url, String path, boolean insecure, String caFile) {
        this(name, type, url, path, insecure, caFile, null, null);
    }

    public static CatalogConfig oci(String name, String url, boolean insecure) {
        return new CatalogConfig(name, OCI, url, null, insecure, null);
    }

    public static CatalogConfig filesystem(String name, String path) {
        return new CatalogConfig(name, FILESYSTEM, null, path, false, null);
    }

    public boolean isOci() {
        return OCI.equals(type);
    }

    /**
     * A filesystem catalog's directory: {@code ~/} is the home directory, as the Go scafctl
     * expands it; any other relative path is taken from the config's directory.
     */
    public Path directory(Path configDir) {
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(path.substring(Math.min(2, path.length())));
        }
        Path dir = Path.of(path);
        return dir.isAbsolute() ? dir : configDir.resolve(dir);
    }
}
