package dev.scafctl.plugin;

import dev.scafctl.error.ScafctlException;
import dev.scafctl.event.Event;
import dev.scafctl.event.EventListener;
import dev.scafctl.event.TransferProgress;
import dev.scafctl.io.AtomicFiles;
import dev.scafctl.io.DiskFullException;
import dev.scafctl.io.StaleTemps;
import dev.scafctl.io.Writeback;
import dev.scafctl.oci.Digest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The plugin binary cache, {@code <root>/<name>/<version>/<os>-<arch>/<name>}, shared by every
 * solution. A binary enters it only through {@link #store}, and leaves it through {@link #verified},
 * which hashes it again, or {@link #present} for a launch, whose host hashes the copy it runs; this
 * class never runs anything. No symbolic link below the root is followed.
 */
public final class PluginCache {
    private static final String TEMP_SUFFIX = ".part";

    private final Path root;

    public PluginCache(Path root) {
        this.root = root.toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    public Path binaryPath(String name, String version, Platform platform) {
        Path dir = root.resolve(name).resolve(version).resolve(platform.dirName());
        Path p = dir.resolve(platform.isWindows() ? name + ".exe" : name).normalize();
        if (!p.startsWith(root)) {
            throw new ScafctlException("plugin name or version would leave the cache: " + name + "@" + version,
                    "fix the plugin's name and version");
        }
        return p;
    }

    /**
     * The cached binary, if it is there and hashes to {@code expected}. A binary that does not
     * is reported, removed, and treated as missing so that a fresh verified copy replaces it.
     */
    public Optional<Path> verified(String name, String version, Platform platform, Digest expected,
                                   EventListener listener) {
        Optional<Path> present = present(name, version, platform, listener);
        if (present.isEmpty()) return present;
        Path p = present.get();
        Digest actual;
        try {
            actual = Digest.of(p);
        } catch (IOException e) {
            listener.onEvent(new Event.Warning("cannot read cached " + p + ": " + e.getMessage() + "; fetching it again"));
            return Optional.empty();
        }
        if (!actual.equals(expected)) {
            listener.onEvent(new Event.Warning("cached " + name + "@" + version + " (" + platform + ") at " + p
                    + " has digest " + actual + " but " + expected + " was expected; replacing it with a verified download"));
            remove(p);
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /**
     * The cached binary's path if it is there, not hashed: for a launch, where the host hashes the
     * bytes it runs (see {@code PluginLaunch}). A symbolic link in its place is reported, removed
     * and treated as missing; one between the root and the entry is refused.
     */
    public Optional<Path> present(String name, String version, Platform platform, EventListener listener) {
        Path p = binaryPath(name, version, platform);
        refuseLinks(p.getParent());
        if (Files.isSymbolicLink(p)) {
            listener.onEvent(new Event.Warning("cached " + name + "@" + version + " (" + platform + ") at " + p
                    + " is a symbolic link, which scafctl never follows in its cache; replacing it with a verified download"));
            remove(p);
            return Optional.empty();
        }
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Optional.of(p) : Optional.empty();
    }

    private static void remove(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new ScafctlException("cannot remove the tampered cache entry " + p + ": " + e.getMessage(),
                    "delete it by hand and run again");
        }
    }

    /**
     * Refuses a symbolic link anywhere between the cache root and {@code dir}: a linked
     * {@code <name>} or {@code <version>} directory would make installs write, and runs read,
     * outside the cache. The root itself may be a link (a user's choice of where the cache lives).
     */
    private void refuseLinks(Path dir) {
        Path rel = root.relativize(dir);
        Path at = root;
        for (Path part : rel) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                throw new ScafctlException("the plugin cache entry " + at + " is a symbolic link; scafctl follows no link"
                        + " inside its cache (" + root + ")", "remove the link (rm " + at + ") and run again");
            }
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) return;
        }
    }

    /** Writes bytes into a stream; the cache hashes and stores what it writes. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Stores a binary so that the final path only ever holds verified bytes. The order, which
     * every caller relies on: (1) stream into a temp file in the target directory while hashing
     * (a large file is written back to disk as it comes, see {@link Writeback}), (2) fsync it,
     * (3) compare the hash with {@code expected}, (4) rename it into place, mode 0755. A failure
     * at any step deletes the temp file and leaves the final path untouched.
     *
     * @param size the expected size for progress reports, or -1
     */
    public Path store(String name, String version, Platform platform, Digest expected, long size, Writer writer,
                      EventListener listener) {
        Path target = binaryPath(name, version, platform);
        Path dir = target.getParent();
        Path tmp = null;
        try {
            refuseLinks(dir);
            Files.createDirectories(dir);
            refuseLinks(dir);
            // a temp file a killed install left here; one younger than StaleTemps.AGE may be a download in progress
            StaleTemps.sweep(dir, "*" + TEMP_SUFFIX);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", TEMP_SUFFIX);
            MessageDigest md = Digest.sha256();
            String what = "cannot store plugin " + name + "@" + version + " (" + platform + ")";
            TransferProgress progress = TransferProgress.start(listener, Event.Transfer.Direction.DOWNLOAD, name, version, platform, size);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 HashingChannelStream out = new HashingChannelStream(ch, md, progress,
                         e -> DiskFullException.of(e, what, dir, size).orElse(null))) {
                writer.writeTo(out);
                out.flushBuffer();
                out.writeback.finish();
                progress.finished(out.count());
            }
            Digest actual = Digest.ofDigested(md);
            if (!actual.equals(expected)) {
                throw new DigestMismatchException("plugin " + name + "@" + version + " " + platform, expected, actual,
                        "the catalog served different bytes than were pinned; do not run it. If the new version is "
                                + "legitimate, refresh the lock with 'scafctl plugins lock -f <solution>'; otherwise report the catalog");
            }
            setExecutable(tmp);
            refuseLinks(dir);
            AtomicFiles.moveIntoPlace(tmp, target);
            tmp = null;
            return target;
        } catch (IOException e) {
            DiskFullException full = DiskFullException.of(e, "cannot store plugin " + name + "@" + version + " (" + platform + ")",
                    dir, size).orElse(null);
            if (full != null) throw full;
            throw new ScafctlException("cannot store plugin " + name + "@" + version + " (" + platform + ") in "
                    + dir + ": " + e.getMessage(), "check free space and permissions of the cache directory, then run again", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temp file is swept by a later store
                }
            }
        }
    }

    private static void setExecutable(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            p.toFile().setExecutable(true, false);
        }
    }

    /** One binary in the cache. */
    public record Entry(String name, String version, Platform platform, long size, Path path) {
    }

    /** Everything in the cache, sorted by name, version, platform. Does not hash. */
    public List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(root)) return out;
        try (Stream<Path> names = Files.list(root)) {
            for (Path n : names.sorted().toList()) {
                if (!Files.isDirectory(n, LinkOption.NOFOLLOW_LINKS)) continue;
                try (Stream<Path> versions = Files.list(n)) {
                    for (Path v : versions.sorted().toList()) {
                        if (!Files.isDirectory(v, LinkOption.NOFOLLOW_LINKS)) continue;
                        try (Stream<Path> platforms = Files.list(v)) {
                            for (Path p : platforms.sorted().toList()) {
                                String[] parts = p.getFileName().toString().split("-", 2);
                                if (parts.length != 2) continue;
                                Platform platform;
                                try {
                                    platform = new Platform(parts[0], parts[1]);
                                } catch (RuntimeException e) {
                                    continue;
                                }
                                String file = n.getFileName().toString() + (platform.isWindows() ? ".exe" : "");
                                Path bin = p.resolve(file);
                                if (Files.isRegularFile(bin, LinkOption.NOFOLLOW_LINKS)) {
                                    out.add(new Entry(n.getFileName().toString(), v.getFileName().toString(), platform,
                                            Files.size(bin), bin));
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new ScafctlException("cannot list the plugin cache " + root + ": " + e.getMessage(), "check its permissions");
        }
        return out;
    }

    /** Hashes while writing to a channel through one reusable buffer; reports progress. */
    private static final class HashingChannelStream extends OutputStream {
        private final FileChannel ch;
        final Writeback writeback;
        private final MessageDigest md;
        private final TransferProgress progress;
        private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        /** A failed write as a full disk, or null when it is not one. */
        private final Function<IOException, DiskFullException> full;
        private long count;

        HashingChannelStream(FileChannel ch, MessageDigest md, TransferProgress progress,
                             Function<IOException, DiskFullException> full) {
            this.ch = ch;
            this.full = full;
            this.writeback = new Writeback(ch);
            this.md = md;
            this.progress = progress;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            md.update(b, off, len);
            count += len;
            while (len > 0) {
                int n = Math.min(len, buf.remaining());
                buf.put(b, off, n);
                off += n;
                len -= n;
                if (!buf.hasRemaining()) flushBuffer();
            }
            progress.moved(count);
        }

        void flushBuffer() throws IOException {
            buf.flip();
            int n = buf.remaining();
            try {
                while (buf.hasRemaining()) ch.write(buf);
            } catch (IOException e) {
                // unchecked, so that the producer writing into this stream (a download) cannot take it for its own failure
                DiskFullException f = full.apply(e);
                if (f != null) throw f;
                throw e;
            }
            buf.clear();
            writeback.wrote(n);
        }

        long count() {
            return count;
        }
    }
}
