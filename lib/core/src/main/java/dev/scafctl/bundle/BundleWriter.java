package dev.scafctl.bundle;

import dev.scafctl.error.InvalidInputException;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.io.BoundedFiles;
import dev.scafctl.io.Tar;
import dev.scafctl.oci.Descriptor;
import dev.scafctl.oci.Digest;
import dev.scafctl.oci.MediaTypes;
import dev.scafctl.oci.OciLayout;
import dev.scafctl.solution.Solution;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a solution's bundle as the Go scafctl's v2 layers, in its order, after the solution YAML
 * (layer 0): the bundle manifest (layer 1), the tar of files under 4 KiB when there are any
 * (layer 2), then one blob per distinct content of the larger files. Each manifest entry's
 * {@code layer} is the index of the layer holding it, so any later layer (a lock) goes after these.
 */
public final class BundleWriter {
    private BundleWriter() {
    }

    /** The bundle layers stored in {@code layout}; empty when the solution bundles no file. */
    public static List<Descriptor> write(Solution solution, OciLayout layout) {
        List<String> paths = BundleFiles.discover(solution);
        if (paths.isEmpty()) return List.of();
        if (paths.size() > BundleManifest.MAX_FILES) {
            throw new InvalidInputException("the bundle would hold " + paths.size() + " files, more than " + BundleManifest.MAX_FILES,
                    "narrow the globs in bundle.include");
        }
        Path root = solution.source().toAbsolutePath().getParent();
        Map<String, byte[]> small = new LinkedHashMap<>();
        Map<String, byte[]> large = new LinkedHashMap<>();
        long total = 0;
        for (String p : paths) {
            byte[] content = read(root.resolve(p), p);
            total += content.length;
            if (total > BundleManifest.MAX_TOTAL_BYTES) {
                throw new InvalidInputException("the bundle's files come to more than " + BoundedFiles.describeSize(BundleManifest.MAX_TOTAL_BYTES),
                        "keep large data out of bundle.include, or publish it elsewhere and fetch it when the solution runs");
            }
            (content.length >= BundleManifest.SMALL_FILE_BYTES ? large : small).put(p, content);
        }
        int next = 2;
        int smallLayer = small.isEmpty() ? -1 : next++;
        Map<Digest, Integer> blobLayer = new LinkedHashMap<>();
        Map<Digest, byte[]> blobs = new LinkedHashMap<>();
        for (byte[] content : large.values()) {
            Digest d = Digest.of(content);
            if (!blobLayer.containsKey(d)) {
                blobLayer.put(d, next++);
                blobs.put(d, content);
            }
        }
        List<BundleManifest.FileEntry> files = new ArrayList<>();
        small.forEach((p, c) -> files.add(new BundleManifest.FileEntry(p, c.length, Digest.of(c), smallLayer)));
        large.forEach((p, c) -> {
            Digest d = Digest.of(c);
            files.add(new BundleManifest.FileEntry(p, c.length, d, blobLayer.get(d)));
        });
        List<Map<String, Object>> plugins = new ArrayList<>();
        solution.plugins().forEach(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("kind", r.kind().id());
            m.put("version", r.constraint());
            plugins.add(m);
        });
        BundleManifest manifest = new BundleManifest(2, ".", files, plugins);
        List<Descriptor> layers = new ArrayList<>();
        layers.add(layout.putBlob(MediaTypes.SOLUTION_BUNDLE_MANIFEST, manifest.toJson()));
        if (!small.isEmpty()) layers.add(layout.putBlob(MediaTypes.SOLUTION_BUNDLE_SMALL_TAR, smallTar(small)));
        blobs.values().forEach(c -> layers.add(layout.putBlob(MediaTypes.SOLUTION_BUNDLE_BLOB, c)));
        return layers;
    }

    private static byte[] read(Path file, String rel) {
        try {
            if (Files.size(file) > BundleManifest.MAX_TOTAL_BYTES) {
                throw new InvalidInputException("bundle file " + rel + " is larger than a whole bundle may be ("
                        + BoundedFiles.describeSize(BundleManifest.MAX_TOTAL_BYTES) + ")", "leave it out of bundle.include");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ScafctlException("cannot read bundle file " + rel + ": " + e.getMessage(), "check the file's permissions");
        }
    }

    private static byte[] smallTar(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Tar.Writer tar = new Tar.Writer(out);
        try {
            for (var e : files.entrySet()) tar.file(e.getKey(), e.getValue().length, new ByteArrayInputStream(e.getValue()));
            tar.finish();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
