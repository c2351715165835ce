package dev.scafctl.catalog;

import dev.scafctl.oci.Digest;

import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * A place artifacts live: the local OCI layout or a remote registry. Small on purpose: a plugin
 * fetch needs {@link #versions}, {@link #describe} and {@link #fetchBlob}; the commands add listing,
 * deleting and tagging. Composite catalogs (a chain) are built from these, not special-cased.
 */
public interface Catalog {

    /** {@code local}, a configured catalog's name, or the URL given with {@code --catalog}. */
    String name();

    /** The semver versions of an artifact, ascending; aliases are left out. Empty when it is unknown. */
    List<String> versions(ArtifactKind kind, String name);

    /** One version (or alias), described from manifests only; no binary is downloaded. */
    Optional<ArtifactInfo> describe(ArtifactKind kind, String name, String version);

    /**
     * Writes one blob of the artifact to {@code out} in chunks, so memory does not grow with its size,
     * and never more than {@code size} bytes, the size its descriptor declares. The caller hashes what
     * it receives and compares it with the digest it expects, and reports the progress: it knows
     * which version and platform the blob is, this method does not.
     */
    void fetchBlob(ArtifactKind kind, String name, Digest digest, long size, OutputStream out);

    /** Every tagged version, narrowed by kind and name when they are not null. */
    List<ArtifactSummary> list(ArtifactKind kind, String name);

    /** Removes one tagged version. */
    void delete(ArtifactKind kind, String name, String version);

    /** Tags an existing version with another version or alias. */
    void tag(ArtifactKind kind, String name, String version, String alias);
}
