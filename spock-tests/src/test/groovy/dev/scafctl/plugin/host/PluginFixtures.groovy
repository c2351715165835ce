package dev.scafctl.plugin.host

import dev.scafctl.support.Processes
import dev.scafctl.support.ScafctlProcess

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * A private directory of plugin binaries for one test. Its path is the marker that finds every
 * process launched from it, so a test can count them and {@link #cleanup} can kill leftovers.
 */
class PluginFixtures {
    final Path dir = Files.createTempDirectory('plugin-spec-')
    final String marker = dir.toString()

    static Path echoPlugin() {
        Path p = ScafctlProcess.root().resolve('examples/plugins/echo/target/echo')
        assert Files.isExecutable(p): "build the echo plugin first: mvn -pl examples/plugins/echo -am package"
        p
    }

    /** A link to {@code target} inside the marked directory: the process's command line then carries the marker. */
    Path link(Path target, String name) {
        Files.createSymbolicLink(dir.resolve(name), target)
    }

    Path script(String name, String body, boolean executable = true) {
        file(name, ("#!/bin/sh\n" + body.stripIndent()).bytes, executable)
    }

    Path file(String name, byte[] content, boolean executable = true) {
        Path p = dir.resolve(name)
        Files.write(p, content)
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(executable ? 'rwxr-xr-x' : 'rw-r--r--'))
        p
    }

    List<String> processes() {
        Processes.withMarker(marker)
    }

    void cleanup() {
        Processes.killAll(marker)
        dir.toFile().deleteDir()
    }
}
