package dev.scafctl.catalog;

import dev.scafctl.error.InvalidInputException;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.oci.Descriptor;
import dev.scafctl.oci.Digest;
import dev.scafctl.oci.Index;
import dev.scafctl.oci.MediaTypes;
import dev.scafctl.oci.OciLayout;
import dev.scafctl.oci.Tags;
import org.semver4j.Semver;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The local catalog: an OCI image layout whose {@code index.json} entries are tagged
 * {@code <kind>/<name>:<version>} in {@code org.opencontainers.image.ref.name}, so skopeo and oras
 * read it as {@code oci:<dir>:<kind>/<name>:<version>}. A pulled artifact keeps the registry's
 * manifest bytes (and so its digest); where it came from is recorded on its index.json entry.
 */
public final class LocalCatalog implements Catalog {
    public static final String NAME = "local";

    private final OciLayout layout;

    public LocalCatalog(Path dir) {
        this.layout = new OciLayout(dir);
    }

    public OciLayout layout() {
        return layout;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The index.json tag of one version: {@code provider/aws:1.2.0}. */
    public static String refName(ArtifactKind kind, String name, String version) {
        return kind.id() + "/" + name + ":" + Tags.fromVersion(version);
    }

    /** The index.json entry of one version, if present. */
    public Optional<Descriptor> entry(ArtifactKind kind, String name, String version) {
        String ref = refName(kind, name, version);
        return layout.index().manifests().stream().filter(d -> ref.equals(d.annotation(MediaTypes.REF_NAME))).findFirst();
    }

    @Override
    public List<String> versions(ArtifactKind kind, String name) {
        return list(kind, name).stream().map(ArtifactSummary::version).filter(Tags::isSemver)
                .distinct().sorted(Comparator.comparing(Semver::parse)).toList();
    }

    @Override
    public Optional<ArtifactInfo> describe(ArtifactKind kind, String name, String version) {
        return entry(kind, name, version).map(d -> Describer.describe(NAME, kind, name, version, d.mediaType(), d.digest(),
                layout.readSmallBlob(d.digest()), layout::readSmallBlob, d.annotation(MediaTypes.ARTIFACT_ORIGIN)));
    }

    @Override
    public void fetchBlob(ArtifactKind kind, String name, Digest digest, long size, OutputStream out) {
        if (!layout.hasBlob(digest)) {
            throw new ScafctlException("blob " + digest + " of " + kind + " " + name + " is missing from the local catalog "
                    + layout.dir(), "delete the artifact and build or pull it again");
        }
        // one byte past the declared size is enough for the caller's digest check to refuse a longer blob,
        // which then names both digests like any other change to the catalog's files
        layout.copyBlob(digest, out, size == Long.MAX_VALUE ? size : size + 1);
    }

    @Override
    public List<ArtifactSummary> list(ArtifactKind kind, String name) {
        List<ArtifactSummary> out = new ArrayList<>();
        for (Descriptor d : layout.index().manifests()) {
            String ref = d.annotation(MediaTypes.REF_NAME);
            if (ref == null) continue;
            int slash = ref.indexOf('/');
            int colon = ref.lastIndexOf(':');
            if (slash <= 0 || colon < slash) continue;
            Optional<ArtifactKind> k = ArtifactKind.fromId(ref.substring(0, slash));
            if (k.isEmpty()) continue;
            String n = ref.substring(slash + 1, colon);
            if (kind != null && k.get() != kind || name != null && !name.equals(n)) continue;
            out.add(new ArtifactSummary(NAME, k.get(), n, Tags.toVersion(ref.substring(colon + 1)), d.digest(), d.mediaType()));
        }
        out.sort(Comparator.comparing((ArtifactSummary s) -> s.kind().id()).thenComparing(ArtifactSummary::name)
                .thenComparing(ArtifactSummary::version));
        return out;
    }

    /**
     * Tags {@code top} (whose blobs are already stored) as one version. Under the writers' lock it
     * checks that every blob is present, so an entry never points at content a concurrent delete removed.
     */
    public void commit(ArtifactKind kind, String name, String version, Descriptor top, boolean force, String origin) {
        String ref = refName(kind, name, version);
        Descriptor entry = Descriptor.of(top.mediaType(), top.digest(), top.size())
                .withAnnotation(MediaTypes.REF_NAME, ref)
                .withAnnotation(MediaTypes.ARTIFACT_ORIGIN, origin);
        layout.update(index -> {
            boolean exists = index.manifests().stream().anyMatch(d -> ref.equals(d.annotation(MediaTypes.REF_NAME)));
            if (exists && !force) {
                throw new InvalidInputException(kind + " " + name + "@" + version + " already exists in the local catalog",
                        "use --force to replace it, or choose another version");
            }
            Set<Digest> missing = new LinkedHashSet<>();
            for (Digest d : graph(top.mediaType(), top.digest())) if (!layout.hasBlob(d)) missing.add(d);
            if (!missing.isEmpty()) {
                throw new ScafctlException("blobs of " + kind + " " + name + "@" + version + " vanished while it was stored: "
                        + missing, "another scafctl deleted them at the same moment; run the command again");
            }
            return index.without(d -> ref.equals(d.annotation(MediaTypes.REF_NAME))).plus(entry);
        });
    }

    @Override
    public void delete(ArtifactKind kind, String name, String version) {
        String ref = refName(kind, name, version);
        layout.locked(() -> {
            Index before = layout.index();
            Optional<Descriptor> removed = before.manifests().stream()
                    .filter(d -> ref.equals(d.annotation(MediaTypes.REF_NAME))).findFirst();
            if (removed.isEmpty()) throw notFound(kind, name, version);
            Index after = layout.update(index -> index.without(d -> ref.equals(d.annotation(MediaTypes.REF_NAME))));
            // blobs only the removed entry used go too; shared ones (another version, an alias) stay
            Set<Digest> garbage = new HashSet<>(graph(removed.get().mediaType(), removed.get().digest()));
            for (Descriptor d : after.manifests()) garbage.removeAll(graph(d.mediaType(), d.digest()));
            layout.deleteBlobs(garbage);
            return null;
        });
    }

    @Override
    public void tag(ArtifactKind kind, String name, String version, String alias) {
        Descriptor d = entry(kind, name, version).orElseThrow(() -> notFound(kind, name, version));
        commit(kind, name, alias, d, true, d.annotation(MediaTypes.ARTIFACT_ORIGIN));
    }

    /** Every digest reachable from a tagged document, itself included. Missing blobs end the walk there. */
    public Set<Digest> graph(String mediaType, Digest top) {
        Set<Digest> out = new LinkedHashSet<>();
        walk(mediaType, top, out);
        return out;
    }

    private void walk(String mediaType, Digest d, Set<Digest> out) {
        if (!out.add(d)) return;
        if (!(MediaTypes.isIndex(mediaType) || MediaTypes.isManifest(mediaType)) || !layout.hasBlob(d)) return;
        for (Descriptor c : Describer.children(mediaType, layout.readSmallBlob(d), d.toString())) {
            walk(c.mediaType(), c.digest(), out);
        }
    }

    ScafctlException notFound(ArtifactKind kind, String name, String version) {
        return new ScafctlException(kind + " " + name + "@" + version + " is not in the local catalog",
                "'scafctl catalog list' shows what it has");
    }
}
