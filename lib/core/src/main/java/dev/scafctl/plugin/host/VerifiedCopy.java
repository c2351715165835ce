package dev.scafctl.plugin.host;

import dev.scafctl.oci.Digest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;

/**
 * The bytes a verified plugin runs from. Hashing the cache's file and then executing its path
 * would leave a window in which anyone who can write the cache directory (a shared cache on a CI
 * runner, another run that pins other bytes for the same version) renames other bytes over it.
 * So the host copies the binary into the plugin's private directory (mode 0700, made for this
 * launch), hashing every byte as it copies, compares the hash once the copy is closed, and
 * executes the copy: what runs is exactly what was hashed, whatever happens in the cache meanwhile.
 * The copy goes with the private directory when the plugin stops (or, after a {@code kill -9} of
 * the host, when the watchdog cleans up).
 * <p>
 * The source is opened without following a symbolic link, so a link planted in the cache is
 * refused rather than hashed through.
 */
final class VerifiedCopy {
    private static final int BUFFER = 256 * 1024;

    private VerifiedCopy() {
    }

    /** Copies {@code source} into {@code dir} and returns the copy, or throws if its bytes are not {@code expected}. */
    static Path make(String plugin, Path source, Digest expected, Path dir) {
        Path copy = dir.resolve(source.getFileName().toString());
        MessageDigest md = Digest.sha256();
        try {
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new PluginException(plugin, "plugin " + plugin + ": " + source + " does not exist",
                        "fetch the plugin again (scafctl plugins install)");
            }
            if (!attrs.isRegularFile()) {
                throw new PluginException(plugin, "plugin " + plugin + ": " + source + " is "
                        + (attrs.isSymbolicLink() ? "a symbolic link" : "not a regular file")
                        + "; scafctl runs only the file it verified, and follows no link in its cache",
                        "remove " + source + " and fetch the plugin again (scafctl plugins install)");
            }
            try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                 FileChannel out = createPrivate(copy)) {
                byte[] buf = new byte[BUFFER];
                ByteBuffer bb = ByteBuffer.wrap(buf);
                int n;
                while ((n = in.read(bb.clear())) >= 0) {
                    md.update(buf, 0, n);
                    bb.flip();
                    while (bb.hasRemaining()) out.write(bb);
                }
            }
        } catch (IOException e) {
            throw new PluginException(plugin, "plugin " + plugin + ": cannot copy " + source + " into its private directory "
                    + dir + " to run it: " + e.getMessage(), "check free space in the temp directory ("
                    + dir.getParent() + ") and the permissions of " + source);
        }
        Digest actual = Digest.ofDigested(md);
        if (!actual.equals(expected)) {
            throw new BinaryChangedException(plugin, source, expected, actual);
        }
        return copy;
    }

    private static FileChannel createPrivate(Path copy) throws IOException {
        try {
            Files.createFile(copy, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(copy);
        }
        return FileChannel.open(copy, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }
}
