package dev.scafctl.oci;

import dev.scafctl.error.ScafctlException;
import dev.scafctl.plugin.DigestMismatchException;
import dev.scafctl.io.AtomicFiles;
import dev.scafctl.io.DiskFullException;
import dev.scafctl.io.StaleTemps;
import dev.scafctl.io.Writeback;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/}).
 *
 * <p>Several processes may write at once. Blobs need no lock: each is written to a temp file,
 * hashed while written, fsynced, compared with its expected digest and only then renamed to its
 * content address, so a reader sees a whole, verified blob or none. {@code index.json} changes are
 * read-modify-write under an exclusive lock on {@code index.json.lock} (and a JVM-wide lock,
 * because file locks are per process) and land by atomic rename.
 *
 * <p>A writer killed mid-write leaves its temp blob ({@code blobs/sha256/.incoming-*.tmp}), the temp
 * file of an atomic write ({@code .index.json.*.tmp}) or a staging copy beside the layout
 * ({@code ../.load-*}). The first write of each process sweeps those older than {@link StaleTemps#AGE}.
 */
public final class OciLayout {
    /** Largest manifest or index read into memory. */
    public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();
    /** Staging copies beside the layout ({@link #newStaging}); the name {@code catalog load} always gave them. */
    private static final String STAGING_PREFIX = ".load-";

    private final Path dir;

    public OciLayout(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    public boolean exists() {
        return Files.isRegularFile(dir.resolve("oci-layout"));
    }

    /** Creates the layout's files when missing; safe to call from several processes at once. */
    public void ensureInitialized() {
        if (exists() && Files.isRegularFile(dir.resolve("index.json"))) return;
        locked(() -> {
            try {
                Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
                if (!exists()) {
                    AtomicFiles.write(dir.resolve("oci-layout"),
                            ("{\"imageLayoutVersion\":\"" + MediaTypes.LAYOUT_VERSION + "\"}").getBytes(StandardCharsets.UTF_8),
                            AtomicFiles.OWNER_ONLY);
                }
                if (!Files.isRegularFile(dir.resolve("index.json"))) {
                    AtomicFiles.write(dir.resolve("index.json"), Index.empty().toJson(), AtomicFiles.OWNER_ONLY);
                }
            } catch (IOException e) {
                throw ioFailure("cannot create the catalog", e);
            }
            return null;
        });
    }

    public Path blobPath(Digest digest) {
        return dir.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
    }

    public boolean hasBlob(Digest digest) {
        return Files.isRegularFile(blobPath(digest));
    }

    public long blobSize(Digest digest) {
        try {
            return Files.size(blobPath(digest));
        } catch (IOException e) {
            throw missingBlob(digest);
        }
    }

    /** Stores a small in-memory blob (a manifest, a config) and returns its descriptor. */
    public Descriptor putBlob(String mediaType, byte[] content) {
        Digest d = Digest.of(content);
        if (!hasBlob(d)) putBlob(new java.io.ByteArrayInputStream(content), d, content.length, n -> { });
        return Descriptor.of(mediaType, d, content.length);
    }

    /**
     * Streams a blob in: written to a temp file beside its final place while hashed, fsynced,
     * compared with {@code expected} (when not null), then renamed into place. Memory stays flat
     * whatever the size. A mismatch deletes the temp file and fails naming both digests.
     *
     * @param size the blob's size when known, or -1; a full disk is reported with it
     */
    public Digest putBlob(InputStream in, Digest expected, long size, LongConsumer progress) {
        return writeBlob(expected, size, out -> {
            byte[] buf = new byte[1 << 16];
            long done = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                done += n;
                progress.accept(done);
            }
        });
    }

    /** What {@link #writeBlob} calls to produce a blob's bytes. */
    @FunctionalInterface
    public interface BlobWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Like {@link #putBlob(InputStream, Digest, long, LongConsumer)}, for producers that push bytes (a
     * download). A full disk fails the write itself with a {@link DiskFullException}, unchecked, so no
     * producer between here and the file can take it for a network or content problem.
     */
    public Digest writeBlob(Digest expected, long size, BlobWriter writer) {
        String what = expected != null ? "cannot store blob " + expected : "cannot store a blob";
        Path blobs = dir.resolve("blobs").resolve("sha256");
        Path tmp = null;
        try {
            Files.createDirectories(blobs);
            sweepOnce();
            tmp = Files.createTempFile(blobs, ".incoming-", ".tmp");
            MessageDigest md = Digest.sha256();
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                // a large blob is written back to disk as it comes, so the fsync below waits for its last MiB only
                Writeback writeback = new Writeback(ch);
                OutputStream file = new FilterOutputStream(Channels.newOutputStream(ch)) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        try {
                            out.write(b, off, len);
                        } catch (IOException e) {
                            throw DiskFullException.of(e, what, blobs, size).orElseThrow(() -> e);
                        }
                        writeback.wrote(len);
                    }
                };
                OutputStream out = new DigestOutputStream(new java.io.BufferedOutputStream(file, 1 << 16), md);
                writer.writeTo(out);
                out.flush();
                writeback.finish();
            }
            Digest actual = Digest.ofDigested(md);
            if (expected != null && !expected.equals(actual)) {
                throw new DigestMismatchException("blob", expected, actual, "the source holds damaged content; nothing was stored");
            }
            AtomicFiles.moveIntoPlace(tmp, blobPath(actual));
            return actual;
        } catch (IOException e) {
            DiskFullException full = DiskFullException.of(e, what, blobs, size).orElse(null);
            throw full != null ? full : ioFailure("cannot write a blob", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover .tmp is harmless and never read
                }
            }
        }
    }

    /** Stores a file's content as a blob without holding it in memory. */
    public Descriptor putFile(String mediaType, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Digest d = putBlob(in, null, Files.size(file), n -> { });
            return Descriptor.of(mediaType, d, Files.size(blobPath(d)));
        } catch (NoSuchFileException e) {
            throw new dev.scafctl.error.InvalidInputException("file not found: " + file, "check the path");
        } catch (IOException e) {
            throw ioFailure("cannot read " + file, e);
        }
    }

    public InputStream openBlob(Digest digest) {
        try {
            return Files.newInputStream(blobPath(digest));
        } catch (IOException e) {
            throw missingBlob(digest);
        }
    }

    /** Copies a blob to {@code out} in chunks, at most {@code limit} bytes of it. */
    public void copyBlob(Digest digest, OutputStream out, long limit) {
        try (InputStream in = openBlob(digest)) {
            byte[] buf = new byte[1 << 16];
            long left = limit;
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) >= 0) {
                out.write(buf, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw ioFailure("cannot read blob " + digest, e);
        }
    }

    /** Reads a manifest-sized blob and checks it against its digest. */
    public byte[] readSmallBlob(Digest digest) {
        try {
            Path p = blobPath(digest);
            if (Files.size(p) > MAX_MANIFEST_BYTES) {
                throw new ScafctlException("blob " + digest + " is too large for a manifest", "the catalog is damaged");
            }
            byte[] bytes = Files.readAllBytes(p);
            if (!Digest.of(bytes).equals(digest)) {
                throw new ScafctlException("blob " + digest + " in " + dir + " does not match its digest",
                        "delete the artifact and build or pull it again");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw missingBlob(digest);
        } catch (IOException e) {
            throw ioFailure("cannot read blob " + digest, e);
        }
    }

    /** The current {@code index.json}; an empty index when the layout does not exist yet. */
    public Index index() {
        try {
            return Index.parse(Files.readAllBytes(dir.resolve("index.json")), dir.resolve("index.json").toString());
        } catch (NoSuchFileException e) {
            return Index.empty();
        } catch (IOException e) {
            throw ioFailure("cannot read index.json", e);
        }
    }

    /** Changes {@code index.json} under the writers' lock; returns the index written. */
    public Index update(UnaryOperator<Index> change) {
        ensureInitialized();
        sweepOnce();
        return locked(() -> {
            Index next = change.apply(index());
            try {
                AtomicFiles.write(dir.resolve("index.json"), next.toJson(), AtomicFiles.OWNER_ONLY);
            } catch (IOException e) {
                throw ioFailure("cannot write index.json", e);
            }
            return next;
        });
    }

    /** Deletes blobs (already known to be unreferenced); missing ones are ignored. */
    public void deleteBlobs(Collection<Digest> digests) {
        for (Digest d : digests) {
            try {
                Files.deleteIfExists(blobPath(d));
            } catch (IOException e) {
                throw ioFailure("cannot delete blob " + d, e);
            }
        }
    }

    /**
     * A new empty directory beside this layout, for content checked in full before any of it is
     * copied in (an archive being loaded). It lives outside the layout, so a refused archive
     * leaves no trace in it, not even its directory; the caller deletes it, and a later write
     * sweeps it if the caller was killed first.
     */
    public OciLayout newStaging() throws IOException {
        Path parent = dir.getParent();
        Files.createDirectories(parent);
        sweepOnce();
        return new OciLayout(Files.createTempDirectory(parent, STAGING_PREFIX));
    }

    /** Removes, once per process, what writers killed mid-write left behind (see the class comment). */
    private void sweepOnce() {
        if (!SWEPT.add(dir)) return;
        StaleTemps.sweep(dir.resolve("blobs").resolve("sha256"), ".incoming-*.tmp");
        StaleTemps.sweep(dir, ".*.tmp");
        if (dir.getParent() != null) StaleTemps.sweep(dir.getParent(), STAGING_PREFIX + "*");
    }

    /** Runs {@code action} holding the writers' lock of this layout. */
    @SuppressWarnings("try")
    public <T> T locked(Supplier<T> action) {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(dir, k -> new ReentrantLock());
        jvmLock.lock();
        try {
            if (jvmLock.getHoldCount() > 1) return action.get();
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve("index.json.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw ioFailure("cannot lock the catalog", e);
        } finally {
            jvmLock.unlock();
        }
    }

    private ScafctlException missingBlob(Digest d) {
        return new ScafctlException("blob " + d + " is missing from " + dir,
                "the catalog is incomplete; delete the artifact and build or pull it again");
    }

    private ScafctlException ioFailure(String what, IOException e) {
        return new ScafctlException(what + " in " + dir + ": " + e, "check that the directory exists and is writable");
    }
}
