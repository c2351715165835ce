package dev.scafctl.oci;

import java.io.OutputStream;
import java.security.MessageDigest;

/** An output stream that only hashes and counts what is written to it. */
public final class HashingSink extends OutputStream {
    private final MessageDigest md = Digest.sha256();
    private long count;

    @Override
    public void write(int b) {
        md.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        md.update(b, off, len);
        count += len;
    }

    public Digest digest() {
        return Digest.ofDigested(md);
    }

    public long count() {
        return count;
    }
}
