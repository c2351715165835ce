package dev.scafctl.plugin.host;

import dev.scafctl.catalog.ArtifactKind;

import java.nio.file.Path;

/** A plugin binary to launch: the name messages use, where it is, and its kind (which cookie it expects). */
public record PluginLaunch(String name, Path path, ArtifactKind kind) {

    /** A provider plugin named after its file, e.g. {@code echo} for {@code /tmp/echo} or {@code echo.exe}. */
    public static PluginLaunch provider(Path path) {
        String file = path.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return new PluginLaunch(dot > 0 ? file.substring(0, dot) : file, path, ArtifactKind.PROVIDER);
    }
}
