package dev.scafctl.catalog;

import dev.scafctl.error.ScafctlException;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Stops a download at the size its descriptor declares. The digest would catch a longer blob too,
 * but only after a registry that never stops sending had filled the disk.
 */
final class DeclaredSize extends FilterOutputStream {
    private final long declared;
    private final String what;
    private long written;

    DeclaredSize(OutputStream out, long declared, String what) {
        super(out);
        this.declared = declared;
        this.what = what;
    }

    @Override
    public void write(int b) throws IOException {
        count(1);
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        count(len);
        out.write(b, off, len);
    }

    private void count(int n) {
        written += n;
        if (declared >= 0 && written > declared) {
            throw new ScafctlException(what + " is longer than the " + declared + " bytes its manifest declares",
                    "the registry serves content that does not match the artifact; nothing was stored; tell its administrator");
        }
    }
}
