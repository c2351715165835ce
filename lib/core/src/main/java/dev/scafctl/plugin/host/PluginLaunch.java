package dev.scafctl.plugin.host;

import dev.scafctl.catalog.ArtifactKind;
import dev.scafctl.oci.Digest;

import java.nio.file.Path;

/**
 * A plugin binary to launch: the name messages use, where it is, its kind (which cookie it
 * expects) and, for a binary that came from a catalog, the digest it must have. With a digest the
 * host runs a private copy whose bytes it hashed (see {@link VerifiedCopy}); without one (a plugin
 * author's own build, {@code --plugin PATH}) it runs the file where it is.
 */
public record PluginLaunch(String name, Path path, ArtifactKind kind, Digest digest) {

    /** A binary that is run where it is, unverified. */
    public PluginLaunch(String name, Path path, ArtifactKind kind) {
        this(name, path, kind, null);
    }

    /** A provider plugin named after its file, e.g. {@code echo} for {@code /tmp/echo} or {@code echo.exe}. */
    public static PluginLaunch provider(Path path) {
        String file = path.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return new PluginLaunch(dot > 0 ? file.substring(0, dot) : file, path, ArtifactKind.PROVIDER);
    }
}
