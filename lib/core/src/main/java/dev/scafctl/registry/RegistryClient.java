package dev.scafctl.registry;

import dev.scafctl.oci.Digest;
import dev.scafctl.oci.Reference;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The OCI distribution API, as much of it as catalogs need. References name the repository (and,
 * where it matters, the tag or digest). Errors are {@link dev.scafctl.error.ScafctlException}s that
 * name the registry and the next step and never contain credentials.
 */
public interface RegistryClient {

    /** A manifest or index as the registry serves it; {@code digest} is of exactly {@code bytes}. */
    record ManifestBytes(String mediaType, Digest digest, byte[] bytes) {
    }

    static RegistryClient open(RegistryOptions options, CredentialStore credentials) {
        return open(options, credentials, null);
    }

    /** @param listener told about retries (as warnings); may be null */
    static RegistryClient open(RegistryOptions options, CredentialStore credentials, dev.scafctl.event.EventListener listener) {
        return new HttpRegistryClient(options, credentials, listener);
    }

    String host();

    /** GET /v2/: reachable, and the credentials (if any) are accepted. */
    void ping();

    /**
     * {@code catalog login}'s check: a ping with the credentials given, where a 401 means the
     * username or password is wrong (not that credentials are missing).
     */
    default void checkLogin(String username) {
        try {
            ping();
        } catch (UnauthorizedException e) {
            throw new dev.scafctl.error.ScafctlException("registry " + e.registry() + " rejected the username or password of user '"
                    + username + "' (401 Unauthorized)", "check the user name and the password given on stdin, then log in"
                    + " again; nothing was stored", e);
        }
    }

    /** The manifest at {@code ref}'s tag or digest; empty on 404. The digest is verified. */
    Optional<ManifestBytes> manifest(Reference ref);

    /**
     * The digest of the manifest at {@code ref}'s tag, without its body where the registry allows:
     * a HEAD, read from {@code Docker-Content-Digest}; a registry that leaves that header out gets a
     * GET and the digest of the bytes. Empty on 404.
     */
    Optional<Digest> manifestDigest(Reference ref);

    /** PUT a manifest under {@code ref}'s tag or digest. */
    void putManifest(Reference ref, String mediaType, byte[] bytes);

    /** DELETE a manifest by digest (Distribution deletes every tag pointing at it). */
    void deleteManifest(Reference repo, Digest digest);

    boolean hasBlob(Reference repo, Digest digest);

    /**
     * Streams a blob into {@code out} in fixed-size chunks, never more than {@code size} bytes: the size
     * its descriptor declares. A registry that announces or sends more is refused, naming the blob,
     * and nothing past the declared size reaches {@code out}. It does not verify the digest: the caller
     * writes through a sink that hashes while writing and compares before keeping anything
     * ({@link dev.scafctl.oci.OciLayout#writeBlob}, the plugin cache), so the bytes are hashed once.
     */
    void fetchBlob(Reference repo, Digest digest, long size, OutputStream out, LongConsumer progress);

    /** Uploads a file as a blob (monolithic PUT, streamed from disk), unless the registry has it. */
    void pushBlob(Reference repo, Digest digest, Path file, LongConsumer progress);

    /** The tags of a repository; empty when the repository does not exist. */
    List<String> tags(Reference repo);

    /**
     * Every repository the registry lists through {@code /v2/_catalog}; a registry without that API
     * is a {@link dev.scafctl.error.ScafctlException} saying so.
     */
    List<String> repositories();
}
