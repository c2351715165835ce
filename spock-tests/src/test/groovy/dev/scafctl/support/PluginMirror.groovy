package dev.scafctl.support

import dev.scafctl.oci.Digest

import java.nio.file.Files
import java.nio.file.Path

/** A filesystem catalog on disk: {@code <dir>/<name>/<version>/<os>-<arch>/<name>}, with optional .sha256 files. */
class PluginMirror {
    final Path dir

    PluginMirror(Path dir) {
        this.dir = dir
    }

    /** Adds a fake plugin binary (a script that would leave a marker if it ever ran) and returns its digest. */
    Digest add(String name, String version, String platform, boolean withSha = true, String content = null) {
        def bin = dir.resolve(name).resolve(version).resolve(platform.replace('/', '-')).resolve(name)
        Files.createDirectories(bin.parent)
        Files.writeString(bin, content ?: "#!/bin/sh\n# ${name} ${version} ${platform}\ntouch \"\$MARKER\"\n")
        def digest = Digest.of(bin)
        if (withSha) Files.writeString(bin.resolveSibling(name + '.sha256'), "${digest.hex()}  ${name}\n")
        digest
    }
}
