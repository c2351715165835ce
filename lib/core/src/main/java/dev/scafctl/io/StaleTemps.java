package dev.scafctl.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes what a killed writer left behind: temp files and scratch directories that its own
 * cleanup never reached. Only entries untouched for {@link #AGE} go, because a younger one may
 * belong to a writer still at work: a download's temp file is modified as bytes arrive, and a
 * scratch directory is as young as the newest file in it.
 */
public final class StaleTemps {
    /** Longer than any write stays silent; shorter than a user waits for a full disk to free itself. */
    public static final Duration AGE = Duration.ofMinutes(30);

    private StaleTemps() {
    }

    /** Deletes the entries of {@code dir} matching {@code glob} (files, or whole directories) older than {@link #AGE}. */
    public static void sweep(Path dir, String glob) {
        sweep(dir, glob, AGE);
    }

    static void sweep(Path dir, String glob, Duration age) {
        if (!Files.isDirectory(dir)) return;
        Instant limit = Instant.now().minus(age);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                try {
                    if (newest(p).toInstant().isBefore(limit)) delete(p);
                } catch (IOException ignored) {
                    // gone meanwhile, or not ours to delete: either way nothing to do
                }
            }
        } catch (IOException ignored) {
            // sweeping is housekeeping; a failure here must not stop the write that called it
        }
    }

    /** The last modification of a file, or of anything under a directory (links are not followed). */
    private static FileTime newest(Path p) throws IOException {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
        try (Stream<Path> s = Files.walk(p)) {
            FileTime max = FileTime.fromMillis(0);
            for (Path q : (Iterable<Path>) s::iterator) {
                FileTime t = Files.getLastModifiedTime(q, LinkOption.NOFOLLOW_LINKS);
                if (t.compareTo(max) > 0) max = t;
            }
            return max;
        }
    }

    /** Deletes a file or a whole directory (links not followed) now, as far as it can: for a caller's own temp copy. */
    public static void deleteNow(Path p) {
        if (p == null) return;
        try {
            delete(p);
        } catch (IOException ignored) {
            // what stays starts with '.', is never read, and a later sweep removes it
        }
    }

    private static void delete(Path p) throws IOException {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(p);
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(p)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path q : all) Files.deleteIfExists(q);
    }
}
