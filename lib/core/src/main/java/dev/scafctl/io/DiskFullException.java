package dev.scafctl.io;

import dev.scafctl.error.ScafctlException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A local write failed because the file system it went to is full. It is nobody's content that
 * is wrong, and trying again will not help until the user frees space, so it is told apart from
 * other write failures wherever downloaded or unpacked bytes are written.
 */
public final class DiskFullException extends ScafctlException {
    /** Less usable space than this after a failed write means the write failed for want of space. */
    private static final long NEARLY_FULL = 1 << 20;

    private final Path dir;
    private final long free;
    private final long needed;

    public DiskFullException(String what, Path dir, long free, long needed, String nextStep, Throwable cause) {
        super(what + ": the disk holding " + dir + " is full (" + free + " bytes free"
                + (needed >= 0 ? ", " + needed + " needed" : "") + ")", nextStep, cause);
        this.dir = dir;
        this.free = free;
        this.needed = needed;
    }

    /**
     * {@code e} as a full disk, when it is one: the system said so (ENOSPC, EDQUOT), or hardly any
     * space is left where the write went. Empty for any other failure.
     *
     * @param what   what was being written, e.g. {@code cannot store blob sha256:...}
     * @param needed the bytes the whole write needs, or -1 when unknown
     */
    public static Optional<DiskFullException> of(IOException e, String what, Path dir, long needed) {
        long free = usableSpace(dir);
        if (!saysFull(e) && (free < 0 || free >= NEARLY_FULL)) return Optional.empty();
        return Optional.of(new DiskFullException(what, dir, Math.max(0, free), needed,
                "free space on that disk, then run the command again", e));
    }

    private static boolean saysFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) return true;
        }
        return false;
    }

    /** Usable bytes on the file system of {@code dir} (or of its nearest existing parent); -1 when unknown. */
    public static long usableSpace(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (!Files.exists(p)) continue;
            try {
                return Files.getFileStore(p).getUsableSpace();
            } catch (IOException e) {
                return -1;
            }
        }
        return -1;
    }

    public Path dir() {
        return dir;
    }

    public long free() {
        return free;
    }

    public long needed() {
        return needed;
    }
}
