package dev.scafctl.plugin;

import dev.scafctl.error.ScafctlException;
import dev.scafctl.oci.Digest;

/** Bytes that did not hash to the digest they were promised to have. Nothing unverified is kept. */
public class DigestMismatchException extends ScafctlException {
    private final Digest expected;
    private final Digest actual;

    public DigestMismatchException(String what, Digest expected, Digest actual, String nextStep) {
        super(what + ": digest mismatch: expected " + expected + ", got " + actual, nextStep);
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
