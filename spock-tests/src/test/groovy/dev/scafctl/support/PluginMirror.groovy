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

    /** Adds a copy of a real plugin binary for this machine's platform, with its .sha256, and returns its digest. */
    Digest addCopy(String name, String version, Path binary) {
        def bin = dir.resolve(name).resolve(version).resolve(dev.scafctl.plugin.Platform.current().dirName()).resolve(name)
        Files.createDirectories(bin.parent)
        Files.copy(binary, bin, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES)
        def digest = Digest.of(bin)
        Files.writeString(bin.resolveSibling(name + '.sha256'), digest.hex() + '\n')
        digest
    }

    /** Makes this mirror the only configured catalog of {@code user}, as a filesystem catalog named mirror. */
    void configure(ScafctlProcess user) {
        def config = user.home.resolve('config/scafctl/config.yaml')
        Files.createDirectories(config.parent)
        Files.writeString(config, "catalogs:\n  - {name: mirror, type: filesystem, path: ${dir}}\n")
    }
}
