package dev.scafctl.plugin.host;

import dev.scafctl.oci.Digest;

import java.nio.file.Path;

/** The bytes the host was about to run did not hash to the launch's digest; nothing was run. */
public class BinaryChangedException extends PluginException {
    private final Path binary;
    private final Digest expected;
    private final Digest actual;

    public BinaryChangedException(String plugin, Path binary, Digest expected, Digest actual) {
        super(plugin, "plugin " + plugin + ": " + binary + " is not the binary that was pinned or verified: expected "
                        + expected + ", got " + actual + "; it was not run",
                "if this repeats, another process is writing to the plugin cache (" + binary.getParent()
                        + "): give this run a cache of its own (XDG_CACHE_HOME) or find the writer, then run again");
        this.binary = binary;
        this.expected = expected;
        this.actual = actual;
    }

    public Path binary() {
        return binary;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
