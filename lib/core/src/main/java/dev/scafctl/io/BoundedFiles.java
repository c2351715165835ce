package dev.scafctl.io;

import dev.scafctl.format.Sizes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a text file into memory without letting the file decide how much memory that takes. The
 * heap is capped (64 MiB in the launcher), so a 100 MB solution, or {@code /dev/zero} given as a
 * params file, must be refused rather than read.
 */
public final class BoundedFiles {
    private BoundedFiles() {
    }

    /**
     * The file's content as UTF-8. A regular file larger than {@code maxBytes} is refused from its
     * size before any byte is read; any file (a FIFO, a device, a file still growing) is read to at
     * most {@code maxBytes + 1} bytes, and refused if that last byte arrives.
     *
     * @param what     how the user knows the file, e.g. "solution file" or "--params-file"
     * @param nextStep what the user can do about a file that is too large
     * @throws FileTooLargeException for a file over the limit
     * @throws IOException           when the file cannot be read, or is not UTF-8
     */
    public static String readText(Path file, long maxBytes, String what, String nextStep) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        if (attrs.isRegularFile() && attrs.size() > maxBytes) {
            throw new FileTooLargeException(file, attrs.size(), maxBytes, what, nextStep);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (bytes.length > maxBytes) {
            long size = attrs.isRegularFile() ? Math.max(bytes.length, Files.size(file)) : -1;
            throw new FileTooLargeException(file, size, maxBytes, what, nextStep);
        }
        // strict decoding, as Files.readString does: a binary file is an error, not mojibake
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /** {@code 8388608 bytes (8 MiB)}: exact for the record, rounded for the reader. */
    public static String describeSize(long bytes) {
        if (bytes < 1024) return bytes + " bytes";
        return bytes + " bytes (" + Sizes.human(bytes).replace(".0 ", " ") + ")";
    }
}
