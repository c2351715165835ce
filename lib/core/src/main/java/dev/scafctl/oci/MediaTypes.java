package dev.scafctl.oci;

/** The OCI media types and annotation keys scafctl writes and reads. */
public final class MediaTypes {
    public static final String IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String IMAGE_INDEX = "application/vnd.oci.image.index.v1+json";
    /** Docker's schema 2 types, read (never written) so catalogs filled by other tools still work. */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** A solution's files as one tar whose first entry is {@code .scafctl/bundle-manifest.json} (the Go scafctl's v1 bundle). */
    public static final String SOLUTION_BUNDLE = "application/vnd.scafctl.solution.bundle.v1+tar";
    /** The v2 bundle manifest: always layer 1, after the solution YAML. */
    public static final String SOLUTION_BUNDLE_MANIFEST = "application/vnd.scafctl.solution.bundle-manifest.v2+json";
    /** A v2 bundle's file of at least 4 KiB, as its own layer, stored once whatever the number of paths holding it. */
    public static final String SOLUTION_BUNDLE_BLOB = "application/vnd.scafctl.solution.bundle-blob.v2+octet-stream";
    /** A v2 bundle's files under 4 KiB, together in one tar. */
    public static final String SOLUTION_BUNDLE_SMALL_TAR = "application/vnd.scafctl.solution.bundle-small.v2+tar";
    public static final String LAYOUT_VERSION = "1.0.0";

    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    public static final String CREATED = "org.opencontainers.image.created";
    public static final String VERSION = "org.opencontainers.image.version";
    public static final String TITLE = "org.opencontainers.image.title";
    public static final String DESCRIPTION = "org.opencontainers.image.description";
    public static final String ARTIFACT_TYPE = "dev.scafctl.artifact.type";
    public static final String ARTIFACT_NAME = "dev.scafctl.artifact.name";
    public static final String ARTIFACT_ORIGIN = "dev.scafctl.artifact.origin";
    public static final String PLUGIN_PLATFORM = "dev.scafctl.plugin.platform";
    public static final String PLUGIN_PROVIDERS = "dev.scafctl.plugin.providers";
    public static final String SOLUTION_DISPLAY_NAME = "dev.scafctl.solution.displayName";
    public static final String SOLUTION_CATEGORY = "dev.scafctl.solution.category";
    public static final String SOLUTION_TAGS = "dev.scafctl.solution.tags";

    private MediaTypes() {
    }

    public static boolean isIndex(String mediaType) {
        return IMAGE_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
    }

    public static boolean isManifest(String mediaType) {
        return IMAGE_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
    }

    /** The Accept header for manifest requests: every type we can read. */
    public static String acceptManifests() {
        return String.join(", ", IMAGE_INDEX, IMAGE_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST);
    }
}
