package dev.scafctl.catalog;

import dev.scafctl.error.InvalidInputException;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.event.Event.Transfer.Direction;
import dev.scafctl.event.EventListener;
import dev.scafctl.event.TransferProgress;
import dev.scafctl.oci.Descriptor;
import dev.scafctl.oci.Digest;
import dev.scafctl.oci.MediaTypes;
import dev.scafctl.oci.OciLayout;
import dev.scafctl.oci.Reference;
import dev.scafctl.oci.Tags;
import dev.scafctl.plugin.Platform;
import dev.scafctl.plugin.VersionConstraint;
import dev.scafctl.registry.RegistryClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Copies artifacts between the local catalog and a registry: every blob and child manifest first,
 * the tagged manifest or index last, so a tag never points at something incomplete. Blobs stream
 * from and to disk; the manifest bytes are copied unchanged, so digests stay the same everywhere.
 */
public final class Transfers {
    private static final long MAX_CONFIG_BYTES = 4L << 20;
    private final LocalCatalog local;
    private final EventListener listener;

    public Transfers(LocalCatalog local, EventListener listener) {
        this.local = local;
        this.listener = listener == null ? EventListener.NONE : listener;
    }

    /** Pushes one local version to {@code remote}; returns the reference it now has there. */
    public Reference push(ArtifactKind kind, String name, String version, RemoteCatalog remote, boolean force) {
        Descriptor entry = local.entry(kind, name, version).orElseThrow(() -> local.notFound(kind, name, version));
        RegistryClient client = remote.client();
        Reference repo = remote.repository(kind, name);
        Reference target = repo.withTag(Tags.fromVersion(version));
        if (!force && client.manifest(target).isPresent()) {
            throw new InvalidInputException(kind + " " + name + "@" + version + " already exists in catalog " + remote.name()
                    + " (" + target + ")", "use --force to overwrite it, or push another version");
        }
        pushGraph(client, repo, entry.mediaType(), entry.digest(), target, name, version, null);
        return target;
    }

    /**
     * Pushes a manifest or index after everything it names. The blobs of one manifest (one platform's
     * binary and config) are reported as one transfer, named by the platform its index entry or its
     * own annotation gives.
     */
    private void pushGraph(RegistryClient client, Reference repo, String mediaType, Digest digest, Reference tagged,
                           String name, String version, Platform platform) {
        OciLayout layout = local.layout();
        byte[] bytes = layout.readSmallBlob(digest);
        Platform here = platformHere(mediaType, bytes, digest, platform);
        List<Descriptor> blobs = new ArrayList<>();
        for (Descriptor c : Describer.children(mediaType, bytes, digest.toString())) {
            if (MediaTypes.isManifest(c.mediaType()) || MediaTypes.isIndex(c.mediaType())) {
                pushGraph(client, repo, c.mediaType(), c.digest(), null, name, version, Describer.platformOf(c));
            } else {
                blobs.add(c);
            }
        }
        move(Direction.UPLOAD, name, version, here, blobs,
                (b, moved) -> client.pushBlob(repo, b.digest(), layout.blobPath(b.digest()), moved));
        client.putManifest(tagged != null ? tagged : repo.withDigest(digest), mediaType, bytes);
    }

    /** {@code named} (from an index entry), else the platform a manifest's own annotation names. */
    private static Platform platformHere(String mediaType, byte[] bytes, Digest digest, Platform named) {
        if (named != null || !MediaTypes.isManifest(mediaType)) return named;
        return Describer.platformOf(dev.scafctl.oci.Manifest.parse(bytes, digest.toString()));
    }

    /** Moves one blob, telling {@code moved} how many of its bytes have gone. */
    @FunctionalInterface
    private interface BlobMove {
        void move(Descriptor blob, LongConsumer moved);
    }

    /** Moves the blobs of one manifest, reported as one transfer. */
    private void move(Direction direction, String name, String version, Platform platform, List<Descriptor> blobs,
                      BlobMove move) {
        if (blobs.isEmpty()) return;
        TransferProgress progress = TransferProgress.start(listener, direction, name, version, platform,
                blobs.stream().mapToLong(Descriptor::size).sum());
        long offset = 0;
        for (Descriptor b : blobs) {
            move.move(b, progress.from(offset));
            offset += b.size();
        }
        progress.finished(offset);
    }

    /** What a pull stored. */
    public record Pulled(ArtifactKind kind, String name, String version, Digest digest, String origin) {
    }

    /**
     * Pulls a full reference into the local catalog. Without a tag or digest, {@code constraint}
     * (or, when null, the highest semver tag) picks the version.
     */
    public Pulled pull(Reference ref, String constraint, RegistryClient client) {
        Reference repo = ref.withTag(null);
        Reference target = ref;
        if (ref.tag() == null && ref.digest() == null || constraint != null) {
            if (ref.tag() != null || ref.digest() != null) {
                throw new InvalidInputException("both a version in the reference and --version given",
                        "give one: REF@VERSION, or REF with --version CONSTRAINT");
            }
            List<String> versions = client.tags(repo).stream().map(Tags::toVersion).filter(Tags::isSemver).toList();
            Optional<String> chosen = constraint == null
                    ? VersionConstraint.parse(">=0.0.0").highest(versions)
                    : VersionConstraint.parse(constraint).highest(versions);
            String v = chosen.orElseThrow(() -> new ScafctlException("no version of " + repo
                    + (constraint == null ? "" : " satisfies " + constraint) + " (versions there: "
                    + (versions.isEmpty() ? "none" : String.join(", ", versions)) + ")",
                    "check the reference, or loosen --version"));
            target = repo.withTag(Tags.fromVersion(v));
        }
        Reference wanted = target;
        RegistryClient.ManifestBytes top = client.manifest(wanted).orElseThrow(() -> new ScafctlException(
                wanted + " not found in registry " + client.host(), "check the name and version"));
        String what = target.toString();
        ArtifactKind kind = kindOf(repo, top, what);
        String name = nameOf(repo, top, what);
        String version = target.version() != null ? target.version() : annotation(top, MediaTypes.VERSION, what);
        if (version == null || !Tags.isSemver(version)) {
            throw new InvalidInputException(what + " names no version (no tag, no " + MediaTypes.VERSION + " annotation)",
                    "pull it by version: " + repo + "@VERSION");
        }
        pullGraph(client, repo, top.mediaType(), top.digest(), top.bytes(), name, version, null);
        String origin = target.toString();
        local.commit(kind, name, version, Descriptor.of(top.mediaType(), top.digest(), top.bytes().length), true, origin);
        return new Pulled(kind, name, version, top.digest(), origin);
    }

    /** Stores what a manifest or index names, then itself; reported as {@link #pushGraph} reports. */
    private void pullGraph(RegistryClient client, Reference repo, String mediaType, Digest digest, byte[] bytes,
                           String name, String version, Platform platform) {
        OciLayout layout = local.layout();
        layout.ensureInitialized();
        Descriptor config = MediaTypes.isIndex(mediaType) ? null : dev.scafctl.oci.Manifest.parse(bytes, digest.toString()).config();
        List<Descriptor> blobs = new ArrayList<>();
        for (Descriptor c : Describer.children(mediaType, bytes, digest.toString())) {
            if (MediaTypes.isManifest(c.mediaType()) || MediaTypes.isIndex(c.mediaType())) {
                RegistryClient.ManifestBytes child = client.manifest(repo.withDigest(c.digest())).orElseThrow(() ->
                        new ScafctlException("manifest " + c.digest() + " of " + repo + " is missing from registry " + client.host(),
                                "the artifact is incomplete there; push it again"));
                pullGraph(client, repo, c.mediaType(), c.digest(), child.bytes(), name, version, Describer.platformOf(c));
            } else if (!layout.hasBlob(c.digest())) {
                String blob = "blob " + c.digest() + " of " + repo;
                // a config is read into memory later, so it gets the manifest limit, checked before any byte is fetched
                if (c.equals(config) && c.size() > MAX_CONFIG_BYTES) {
                    throw new InvalidInputException("the config " + blob + " declares " + c.size() + " bytes, more than the "
                            + (MAX_CONFIG_BYTES >> 20) + " MiB scafctl accepts", "configs of scafctl artifacts are small: "
                            + "this is not a scafctl artifact, or it is damaged; nothing was stored");
                }
                blobs.add(c);
            }
        }
        move(Direction.DOWNLOAD, name, version, platformHere(mediaType, bytes, digest, platform), blobs,
                (b, moved) -> layout.writeBlob(b.digest(), b.size(), out -> client.fetchBlob(repo, b.digest(), b.size(), out, moved)));
        layout.writeBlob(digest, bytes.length, out -> out.write(bytes));
    }

    private static ArtifactKind kindOf(Reference repo, RegistryClient.ManifestBytes top, String what) {
        String[] parts = repo.repository().split("/");
        if (parts.length >= 2) {
            Optional<ArtifactKind> fromPath = ArtifactKind.fromPlural(parts[parts.length - 2]);
            if (fromPath.isPresent()) return fromPath.get();
        }
        ArtifactKind declared = Describer.declaredKind(top.mediaType(), top.bytes(), what);
        if (declared != null) return declared;
        throw new InvalidInputException("cannot tell what kind of artifact " + what + " is: its path has no solutions/, "
                + "providers/ or auth-handlers/ segment and its manifest no " + MediaTypes.ARTIFACT_TYPE + " annotation",
                "pull it by a path with the kind, e.g. host/org/solutions/NAME@VERSION");
    }

    private static String nameOf(Reference repo, RegistryClient.ManifestBytes top, String what) {
        String annotated = annotation(top, MediaTypes.ARTIFACT_NAME, what);
        if (annotated != null && ArtifactRef.NAME.matcher(annotated).matches()) return annotated;
        return repo.name();
    }

    private static String annotation(RegistryClient.ManifestBytes top, String key, String what) {
        return MediaTypes.isIndex(top.mediaType())
                ? dev.scafctl.oci.Index.parse(top.bytes(), what).annotation(key)
                : dev.scafctl.oci.Manifest.parse(top.bytes(), what).annotation(key);
    }
}
