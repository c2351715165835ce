package dev.scafctl.oci;

import dev.scafctl.error.InvalidInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest, {@code sha256:<64 lower-case hex>}, parsed once and compared by value. */
public record Digest(String algorithm, String hex) {
    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");

    public Digest {
        if (!"sha256".equals(algorithm) || hex == null || !hex.matches("[a-f0-9]{64}")) {
            throw new InvalidInputException("invalid digest '" + algorithm + ":" + hex + "'",
                    "a digest is sha256: followed by 64 lower-case hex digits");
        }
    }

    public static Digest parse(String text) {
        if (text == null || !SHA256.matcher(text.trim()).matches()) {
            throw new InvalidInputException("invalid digest '" + text + "'",
                    "a digest is sha256: followed by 64 lower-case hex digits");
        }
        String t = text.trim();
        return new Digest("sha256", t.substring(7));
    }

    public static boolean isValid(String text) {
        return text != null && SHA256.matcher(text.trim()).matches();
    }

    public static Digest of(byte[] content) {
        return new Digest("sha256", HexFormat.of().formatHex(sha256().digest(content)));
    }

    public static Digest ofDigested(MessageDigest md) {
        return new Digest("sha256", HexFormat.of().formatHex(md.digest()));
    }

    /** Hashes a file in large direct reads; the file is not held in memory. */
    public static Digest of(Path file) throws IOException {
        MessageDigest md = sha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            while (ch.read(buf) >= 0) {
                buf.flip();
                md.update(buf);
                buf.clear();
            }
        }
        return ofDigested(md);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
