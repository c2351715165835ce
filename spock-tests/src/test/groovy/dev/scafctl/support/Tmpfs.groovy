package dev.scafctl.support

import java.nio.file.Files
import java.nio.file.Path

/**
 * A real small file system for a spec: a tmpfs mounted on a temp directory, so a write fails
 * with ENOSPC exactly as on a full disk. Mounting needs root; {@link #available()} says whether
 * this machine allows it.
 */
class Tmpfs implements Closeable {
    final Path dir

    private Tmpfs(Path dir) {
        this.dir = dir
    }

    private static Boolean available

    /** Whether a tmpfs can be mounted here (root, and a kernel that lets this process mount). */
    static synchronized boolean available() {
        if (available == null) {
            try {
                mount('64k').close()
                available = true
            } catch (IOException | IllegalStateException ignored) {
                available = false
            }
        }
        available
    }

    /** A fresh tmpfs of {@code size} (mount's syntax: 1m, 512k). */
    static Tmpfs mount(String size) {
        Path dir = Files.createTempDirectory('scafctl-tmpfs')
        run(['mount', '-t', 'tmpfs', '-o', "size=${size}".toString(), 'tmpfs', dir.toString()])
        new Tmpfs(dir)
    }

    private static void run(List<String> cmd) {
        def p = cmd.execute()
        def err = new StringBuilder()
        p.waitForProcessOutput(new StringBuilder(), err)
        if (p.exitValue() != 0) throw new IllegalStateException("${cmd.join(' ')} failed: ${err}")
    }

    @Override
    void close() {
        run(['umount', dir.toString()])
        Files.deleteIfExists(dir)
    }
}
