package dev.scafctl.bundle;

import dev.scafctl.error.InvalidInputException;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.io.BoundedFiles;
import dev.scafctl.io.StaleTemps;
import dev.scafctl.io.Tar;
import dev.scafctl.oci.Descriptor;
import dev.scafctl.oci.Digest;
import dev.scafctl.oci.MediaTypes;
import dev.scafctl.oci.OciLayout;
import dev.scafctl.plugin.DigestMismatchException;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Extracts a solution's bundle, v1 (one tar) or v2 (manifest, small-files tar, blobs), into a
 * directory of its own. The order, so that nothing unchecked is ever used:
 * <ol>
 *   <li>every layer is hashed as it is read and compared with its descriptor's digest and size;</li>
 *   <li>every name is checked before anything is written: relative, no {@code ..}, no backslash, no
 *       link entries (a fresh directory holds no symlink for a later name to follow);</li>
 *   <li>sizes are bounded before reading: the manifest at {@link OciLayout#MAX_MANIFEST_BYTES}, all
 *       files together at {@link BundleManifest#MAX_TOTAL_BYTES};</li>
 *   <li>files go into a temp directory beside the target; each must be one the bundle manifest
 *       lists, with its digest and size, and every listed file must be there;</li>
 *   <li>only then is the temp directory renamed to the target. A failure deletes it.</li>
 * </ol>
 * Names, oversize and a malformed manifest are invalid input; a digest that does not match is a
 * {@link DigestMismatchException}.
 */
public final class BundleExtractor {
    private final OciLayout blobs;
    private final String what;

    /** @param what names the artifact in messages, e.g. {@code solution hello@1.0.0} */
    public BundleExtractor(OciLayout blobs, String what) {
        this.blobs = blobs;
        this.what = what;
    }

    /** Whether a solution manifest's layers carry a bundle, v1 or v2. */
    public static boolean hasBundle(List<Descriptor> layers) {
        return v1Layer(layers) != null || isV2(layers);
    }

    /**
     * The bundle's files in {@code target}: extracted when absent; when present (an earlier run) each
     * file is checked against the bundle manifest and the directory extracted again if one differs.
     */
    public Path extractOnce(List<Descriptor> layers, Path target) {
        if (Files.isDirectory(target)) {
            if (matches(target, expected(layers))) return target;
            StaleTemps.deleteNow(target);
        }
        return extract(layers, target);
    }

    /** Extracts into {@code target}, which must not exist; see the class comment for the checks. */
    public Path extract(List<Descriptor> layers, Path target) {
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            StaleTemps.sweep(target.getParent(), ".*");
            tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
            Extracted files = new Extracted(tmp);
            BundleManifest manifest = v1Layer(layers) != null ? extractV1(v1Layer(layers), files) : extractV2(layers, files);
            files.checkAgainst(manifest);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                tmp = null;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                // another process extracted the same bundle first; its copy is checked like ours
                if (!matches(target, manifest.files())) throw raced;
            }
            return target;
        } catch (IOException e) {
            throw new ScafctlException("cannot extract the bundle of " + what + " into " + target + ": " + e.getMessage(),
                    "check free disk space and the permissions of " + target.getParent());
        } finally {
            if (tmp != null) StaleTemps.deleteNow(tmp);
        }
    }

    private BundleManifest extractV1(Descriptor layer, Extracted files) throws IOException {
        BundleManifest[] manifest = {null};
        try (Verified in = open(layer)) {
            Tar.read(in, this::refuse, (entry, content) -> {
                String name = safeName(entry.name());
                if (entry.isDirectory() || name.isEmpty()) return;
                if (name.equals(BundleManifest.V1_PATH)) {
                    manifest[0] = BundleManifest.parse(readManifest(content, entry.size()), this::refuse);
                } else {
                    files.write(name, entry.size(), content);
                }
            });
            in.finish();
        }
        if (manifest[0] == null) throw refuse("its bundle tar has no " + BundleManifest.V1_PATH);
        return manifest[0];
    }

    private BundleManifest extractV2(List<Descriptor> layers, Extracted files) throws IOException {
        BundleManifest manifest = v2Manifest(layers);
        Map<Integer, Map<String, BundleManifest.FileEntry>> byLayer = new TreeMap<>();
        for (BundleManifest.FileEntry f : manifest.files()) {
            if (f.layer() < 2 || f.layer() >= layers.size()) {
                throw refuse("file " + f.path() + " is in layer " + f.layer() + ", which the manifest does not have");
            }
            byLayer.computeIfAbsent(f.layer(), k -> new LinkedHashMap<>()).put(safeName(f.path()), f);
        }
        for (var e : byLayer.entrySet()) {
            Descriptor layer = layers.get(e.getKey());
            Map<String, BundleManifest.FileEntry> listed = e.getValue();
            if (MediaTypes.SOLUTION_BUNDLE_SMALL_TAR.equals(layer.mediaType())) {
                try (Verified in = open(layer)) {
                    Tar.read(in, this::refuse, (entry, content) -> {
                        String name = safeName(entry.name());
                        if (entry.isDirectory() || name.isEmpty()) return;
                        if (!listed.containsKey(name)) throw refuse("its small-files tar holds " + name + ", which the bundle manifest does not list there");
                        files.write(name, entry.size(), content);
                    });
                    in.finish();
                }
            } else if (MediaTypes.SOLUTION_BUNDLE_BLOB.equals(layer.mediaType())) {
                for (BundleManifest.FileEntry f : listed.values()) {
                    if (!f.digest().equals(layer.digest())) {
                        throw new DigestMismatchException("bundle file " + f.path() + " of " + what, f.digest(), layer.digest(),
                                "the artifact is damaged; build or pull it again");
                    }
                    try (Verified in = open(layer)) {
                        files.write(safeName(f.path()), layer.size(), in);
                        in.finish();
                    }
                }
            } else {
                throw refuse("layer " + e.getKey() + " (" + layer.mediaType() + ") is not a bundle layer");
            }
        }
        return manifest;
    }

    /** What a bundle holds, read from its manifest alone (for checking an earlier extraction). */
    private List<BundleManifest.FileEntry> expected(List<Descriptor> layers) {
        if (isV2(layers)) return v2Manifest(layers).files();
        List<BundleManifest.FileEntry> out = new ArrayList<>();
        try (Verified in = open(v1Layer(layers))) {
            Tar.read(in, this::refuse, (entry, content) -> {
                if (out.isEmpty() && BundleManifest.V1_PATH.equals(safeName(entry.name()))) {
                    out.addAll(BundleManifest.parse(readManifest(content, entry.size()), this::refuse).files());
                }
            });
        } catch (IOException e) {
            throw new ScafctlException("cannot read the bundle of " + what + ": " + e.getMessage(), "build or pull it again");
        }
        return out;
    }

    private BundleManifest v2Manifest(List<Descriptor> layers) {
        try (Verified in = open(layers.get(1))) {
            BundleManifest m = BundleManifest.parse(readManifest(in, layers.get(1).size()), this::refuse);
            in.finish();
            if (m.version() != 2) throw refuse("its bundle manifest layer says version " + m.version() + ", not 2");
            return m;
        } catch (IOException e) {
            throw new ScafctlException("cannot read the bundle of " + what + ": " + e.getMessage(), "build or pull it again");
        }
    }

    private byte[] readManifest(InputStream in, long size) throws IOException {
        if (size > OciLayout.MAX_MANIFEST_BYTES) throw refuse("its bundle manifest is " + BoundedFiles.describeSize(size) + ", too large");
        return in.readNBytes((int) size);
    }

    private static Descriptor v1Layer(List<Descriptor> layers) {
        return layers.stream().filter(l -> MediaTypes.SOLUTION_BUNDLE.equals(l.mediaType())).findFirst().orElse(null);
    }

    private static boolean isV2(List<Descriptor> layers) {
        return layers.size() > 1 && MediaTypes.SOLUTION_BUNDLE_MANIFEST.equals(layers.get(1).mediaType());
    }

    /** A bundle name made relative ({@code ./} dropped), or refused: absolute, {@code ..}, backslash, NUL, drive letter. */
    private String safeName(String raw) {
        String trimmed = raw;
        while (trimmed.startsWith("./")) trimmed = trimmed.substring(2);
        if (trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
        String name = trimmed;
        boolean bad = raw.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0 || name.matches("^[A-Za-z]:.*")
                || name.length() > 4096 || Stream.of(name.split("/", -1)).anyMatch(s -> s.equals("..") || s.equals(".") || (s.isEmpty() && !name.isEmpty()));
        if (bad) throw refuse("entry '" + raw + "' would be written outside the bundle's directory");
        return name;
    }

    private InvalidInputException refuse(String why) {
        return new InvalidInputException("refused the bundle of " + what + ": " + why,
                "nothing was extracted; the artifact is damaged or hostile: ask its publisher to rebuild it with 'scafctl build solution'");
    }

    private Verified open(Descriptor layer) {
        if (layer.size() < 0 || layer.size() > BundleManifest.MAX_TOTAL_BYTES + OciLayout.MAX_MANIFEST_BYTES) {
            throw refuse("layer " + layer.digest() + " is " + BoundedFiles.describeSize(layer.size()) + ", more than a bundle may hold");
        }
        return new Verified(new BufferedInputStream(blobs.openBlob(layer.digest()), 1 << 16), layer);
    }

    /** A layer read while hashed; {@link #finish} reads what is left and compares digest and size. */
    private final class Verified extends FilterInputStream {
        private final Descriptor layer;
        private final MessageDigest md = Digest.sha256();
        private long count;

        Verified(InputStream in, Descriptor layer) {
            super(in);
            this.layer = layer;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                md.update(b, off, n);
                count += n;
                if (count > layer.size()) throw mismatch();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(n, 8192)];
            int r = read(buf, 0, buf.length);
            return Math.max(r, 0);
        }

        void finish() throws IOException {
            byte[] buf = new byte[8192];
            while (read(buf, 0, buf.length) >= 0) {
                // the tar's end blocks and padding count towards the digest
            }
            if (count != layer.size() || !Digest.ofDigested(md).equals(layer.digest())) throw mismatch();
        }

        private DigestMismatchException mismatch() {
            MessageDigest copy;
            try {
                copy = (MessageDigest) md.clone();
            } catch (CloneNotSupportedException e) {
                copy = md;
            }
            return new DigestMismatchException("bundle layer of " + what, layer.digest(), Digest.ofDigested(copy),
                    "nothing was extracted; the artifact is damaged: build or pull it again");
        }
    }

    /** The files written so far under the temp directory, with what they hashed to. */
    private final class Extracted {
        private final Path root;
        private final Map<String, BundleManifest.FileEntry> written = new HashMap<>();
        private long total;

        Extracted(Path root) {
            this.root = root;
        }

        void write(String name, long size, InputStream content) throws IOException {
            if (written.containsKey(name)) throw refuse("it holds " + name + " twice");
            if (written.size() >= BundleManifest.MAX_FILES) throw refuse("it holds more than " + BundleManifest.MAX_FILES + " files");
            total += size;
            if (total > BundleManifest.MAX_TOTAL_BYTES) {
                throw refuse("its files come to more than " + BoundedFiles.describeSize(BundleManifest.MAX_TOTAL_BYTES));
            }
            Path target = root.resolve(name).normalize();
            if (!target.startsWith(root) || target.equals(root)) throw refuse("entry '" + name + "' would be written outside the bundle's directory");
            Files.createDirectories(target.getParent());
            MessageDigest md = Digest.sha256();
            long copied;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS), md)) {
                copied = content.transferTo(out);
            }
            if (copied != size) throw refuse(name + " is " + copied + " bytes, not the " + size + " its entry says");
            written.put(name, new BundleManifest.FileEntry(name, size, Digest.ofDigested(md), 0));
        }

        void checkAgainst(BundleManifest manifest) {
            Map<String, BundleManifest.FileEntry> listed = new HashMap<>();
            for (BundleManifest.FileEntry f : manifest.files()) listed.put(safeName(f.path()), f);
            for (String name : written.keySet()) {
                if (!listed.containsKey(name)) throw refuse("it holds " + name + ", which its bundle manifest does not list");
            }
            for (var e : listed.entrySet()) {
                BundleManifest.FileEntry got = written.get(e.getKey());
                if (got == null) throw refuse("its bundle manifest lists " + e.getKey() + ", which it does not hold");
                if (!got.digest().equals(e.getValue().digest()) || got.size() != e.getValue().size()) {
                    throw new DigestMismatchException("bundle file " + e.getKey() + " of " + what, e.getValue().digest(), got.digest(),
                            "nothing was extracted; the artifact is damaged: build or pull it again");
                }
            }
        }
    }

    /** Whether {@code dir} holds exactly the listed files with their digests, and nothing else but directories. */
    private boolean matches(Path dir, List<BundleManifest.FileEntry> files) {
        Map<String, Digest> want = new HashMap<>();
        for (BundleManifest.FileEntry f : files) want.put(safeName(f.path()), f.digest());
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.filter(p -> !p.equals(dir)).toList();
            int seen = 0;
            for (Path p : all) {
                if (Files.isSymbolicLink(p)) return false;
                if (Files.isDirectory(p)) continue;
                Digest d = want.get(dir.relativize(p).toString().replace('\\', '/'));
                if (d == null || !d.equals(Digest.of(p))) return false;
                seen++;
            }
            return seen == want.size();
        } catch (IOException e) {
            return false;
        }
    }
}
