package dev.scafctl.catalog;

import dev.scafctl.error.InvalidInputException;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.io.AtomicFiles;
import dev.scafctl.io.DiskFullException;
import dev.scafctl.io.Tar;
import dev.scafctl.oci.Descriptor;
import dev.scafctl.oci.Digest;
import dev.scafctl.oci.Index;
import dev.scafctl.oci.MediaTypes;
import dev.scafctl.oci.OciLayout;
import dev.scafctl.oci.Tags;
import dev.scafctl.plugin.DigestMismatchException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code catalog save} and {@code catalog load}: one artifact (every platform) as an OCI image
 * layout in a tar file, for air-gapped sites. Loading unpacks into a scratch directory, refuses
 * entries that would land outside it, checks every blob against its digest, and only then copies
 * the artifacts into the local catalog.
 */
public final class LayoutArchive {
    private final LocalCatalog local;

    public LayoutArchive(LocalCatalog local) {
        this.local = local;
    }

    /** Writes one version to {@code tarFile} (replaced atomically). */
    public void save(ArtifactKind kind, String name, String version, Path tarFile) {
        save(List.of(new ArtifactRef(kind, name, version)), tarFile);
    }

    /** Writes several versions, with every platform and blob they reference, into one archive. */
    public void save(List<ArtifactRef> refs, Path tarFile) {
        List<Descriptor> entries = new ArrayList<>();
        java.util.Set<Digest> graph = new java.util.TreeSet<>(Comparator.comparing(Digest::hex));
        for (ArtifactRef r : refs) {
            Descriptor entry = local.entry(r.kind(), r.name(), r.version())
                    .orElseThrow(() -> local.notFound(r.kind(), r.name(), r.version()));
            entries.add(entry);
            graph.addAll(local.graph(entry.mediaType(), entry.digest()));
        }
        OciLayout layout = local.layout();
        List<Digest> blobs = new ArrayList<>(graph);
        Index index = Index.of(entries, java.util.Map.of());
        Path dir = tarFile.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + tarFile.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
                Tar.Writer tar = new Tar.Writer(out);
                byte[] layoutFile = ("{\"imageLayoutVersion\":\"" + MediaTypes.LAYOUT_VERSION + "\"}").getBytes(StandardCharsets.UTF_8);
                tar.file("oci-layout", layoutFile.length, new java.io.ByteArrayInputStream(layoutFile));
                byte[] indexJson = index.toJson();
                tar.file("index.json", indexJson.length, new java.io.ByteArrayInputStream(indexJson));
                tar.directory("blobs/");
                tar.directory("blobs/sha256/");
                for (Digest d : blobs) {
                    try (InputStream in = layout.openBlob(d)) {
                        tar.file("blobs/sha256/" + d.hex(), layout.blobSize(d), in);
                    }
                }
                tar.finish();
                ch.force(true);
            }
            AtomicFiles.moveIntoPlace(tmp, tarFile);
        } catch (IOException e) {
            throw new ScafctlException("cannot write " + tarFile + ": " + e.getMessage(), "check that the directory is writable");
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** What {@link #load} added to the local catalog. */
    public record Loaded(ArtifactKind kind, String name, String version, Digest digest) {
    }

    /** Loads every artifact of an archive; the archive is unpacked and checked beside the local catalog first. */
    public List<Loaded> load(Path tarFile) {
        Path scratch = null;
        try {
            scratch = local.layout().newStaging().dir();
            unpack(tarFile, scratch);
            return importLayout(new OciLayout(scratch), tarFile);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("archive not found: " + tarFile, "check the path given to -i");
        } catch (DiskFullException e) {
            throw diskFull(tarFile, e);
        } catch (IOException e) {
            if (DiskFullException.of(e, "", local.layout().dir(), -1).isPresent()) throw diskFull(tarFile, e);
            throw new ScafctlException("cannot load " + tarFile + ": " + e.getMessage(), "check the file and free disk space");
        } finally {
            deleteTree(scratch);
        }
    }

    private static void unpack(Path tarFile, Path scratch) throws IOException {
        String what = tarFile.toString();
        OciLayout staging = new OciLayout(scratch);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tarFile), 1 << 16)) {
            Tar.read(in, why -> bad(what, why), (entry, content) -> {
                String name = entry.name();
                while (name.startsWith("./")) name = name.substring(2);
                Path target = scratch.resolve(name).normalize();
                if (name.startsWith("/") || name.contains("\\") || !target.startsWith(scratch)
                        || Stream.of(name.split("/")).anyMatch(".."::equals)) {
                    throw bad(what, "entry '" + entry.name() + "' would be written outside the target directory");
                }
                if (entry.isDirectory() || name.isEmpty()) return;
                if (name.equals("oci-layout") || name.equals("index.json")) {
                    if (entry.size() > OciLayout.MAX_MANIFEST_BYTES) throw bad(what, name + " is too large");
                    Files.write(target, content.readAllBytes());
                } else if (name.startsWith("blobs/sha256/")) {
                    String hex = name.substring("blobs/sha256/".length());
                    if (!hex.matches("[a-f0-9]{64}")) throw bad(what, "entry '" + name + "' is not a sha256 blob name");
                    Digest expected = Digest.parse("sha256:" + hex);
                    try {
                        staging.putBlob(content, expected, entry.size(), n -> { });
                    } catch (DigestMismatchException e) {
                        throw bad(what, "blob " + expected + " does not match its digest: " + e.getMessage());
                    }
                }
                // other files (a README, blobs of other algorithms) are not part of what we load
            });
        }
        if (!Files.isRegularFile(scratch.resolve("index.json"))) throw bad(what, "it has no index.json");
    }

    /**
     * Checks the whole staged layout first (every artifact identified, every blob of its graph
     * present and readable), then writes: a bad archive leaves the local catalog untouched,
     * even one that did not exist yet.
     */
    private List<Loaded> importLayout(OciLayout staging, Path tarFile) {
        String what = tarFile.toString();
        Map<Loaded, Descriptor> plan = new LinkedHashMap<>();
        Map<Loaded, Set<Digest>> graphs = new LinkedHashMap<>();
        LocalCatalog stagingCatalog = new LocalCatalog(staging.dir());
        for (Descriptor e : staging.index().manifests()) {
            Optional<Loaded> id;
            Set<Digest> graph;
            try {
                id = identify(e, staging);
                if (id.isEmpty()) continue;
                graph = stagingCatalog.graph(e.mediaType(), e.digest());
            } catch (InvalidInputException ex) {
                throw ex;
            } catch (ScafctlException ex) {
                // in an archive, what the catalog would call damage is bad input
                throw bad(what, ex.getMessage());
            }
            for (Digest d : graph) {
                if (!staging.hasBlob(d)) {
                    throw bad(what, "blob " + d + " of " + id.get().name() + " is missing from the archive");
                }
            }
            plan.put(id.get(), e);
            graphs.put(id.get(), graph);
        }
        if (plan.isEmpty()) {
            throw bad(what, "its index.json names no scafctl artifact (tags like solution/NAME:VERSION)");
        }
        OciLayout target = local.layout();
        target.ensureInitialized();
        List<Loaded> loaded = new ArrayList<>();
        plan.forEach((id, e) -> {
            for (Digest d : graphs.get(id)) {
                if (!target.hasBlob(d)) {
                    try (InputStream in = staging.openBlob(d)) {
                        target.putBlob(in, d, staging.blobSize(d), n -> { });
                    } catch (IOException ex) {
                        throw new ScafctlException("cannot copy blob " + d + ": " + ex.getMessage(), "check free disk space");
                    }
                }
            }
            String origin = e.annotation(MediaTypes.ARTIFACT_ORIGIN);
            local.commit(id.kind(), id.name(), id.version(),
                    Descriptor.of(e.mediaType(), e.digest(), e.size()), true,
                    origin != null ? origin : "loaded from " + tarFile.getFileName());
            loaded.add(id);
        });
        return loaded;
    }

    private static Optional<Loaded> identify(Descriptor e, OciLayout staging) {
        String ref = e.annotation(MediaTypes.REF_NAME);
        if (ref != null) {
            int slash = ref.indexOf('/');
            int colon = ref.lastIndexOf(':');
            if (slash > 0 && colon > slash) {
                var kind = ArtifactKind.fromId(ref.substring(0, slash));
                String name = ref.substring(slash + 1, colon);
                if (kind.isPresent() && ArtifactRef.NAME.matcher(name).matches()) {
                    return Optional.of(new Loaded(kind.get(), name, Tags.toVersion(ref.substring(colon + 1)), e.digest()));
                }
            }
        }
        if (!staging.hasBlob(e.digest())) return Optional.empty();
        byte[] bytes = staging.readSmallBlob(e.digest());
        ArtifactKind kind = Describer.declaredKind(e.mediaType(), bytes, e.digest().toString());
        var doc = MediaTypes.isIndex(e.mediaType()) ? Index.parse(bytes, "").annotations()
                : dev.scafctl.oci.Manifest.parse(bytes, "").annotations();
        String name = doc.get(MediaTypes.ARTIFACT_NAME);
        String version = doc.get(MediaTypes.VERSION);
        if (kind == null || name == null || version == null || !ArtifactRef.NAME.matcher(name).matches() || !Tags.isSemver(version)) {
            return Optional.empty();
        }
        return Optional.of(new Loaded(kind, name, version, e.digest()));
    }

    /**
     * A full disk while loading, with what the load needs there: the archive is unpacked and checked
     * beside the catalog, then its new blobs are copied in, so up to twice its size at the peak.
     */
    private DiskFullException diskFull(Path tarFile, Exception cause) {
        Path dataDir = local.layout().dir().getParent();
        long needed;
        try {
            needed = 2 * Files.size(tarFile);
        } catch (IOException ignored) {
            needed = -1;
        }
        return new DiskFullException("cannot load " + tarFile, dataDir, DiskFullException.usableSpace(dataDir), needed,
                "free space on that disk, then run 'scafctl catalog load' again", cause);
    }

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(LayoutArchive::deleteQuietly);
        } catch (IOException ignored) {
            // the scratch directory is hidden and safe to leave
        }
    }

    static InvalidInputException bad(String what, String why) {
        return new InvalidInputException("cannot load " + what + ": " + why,
                "create the archive with 'scafctl catalog save NAME@VERSION -o FILE.tar'");
    }
}
