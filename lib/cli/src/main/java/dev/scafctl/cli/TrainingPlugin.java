package dev.scafctl.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The stand-in plugin for {@link Training}: a script that starts {@link TrainingPluginServer} in a
 * JVM of its own, with Netty (from {@code target/training-lib}) on its class path, so the training
 * JVM that records the class-data archive runs the host's real start and stop and never loads
 * Netty, which the command line does not carry.
 */
final class TrainingPlugin {
    private TrainingPlugin() {
    }

    /** Writes the script that starts this plugin, next to its socket in {@code dir}. */
    static Path script(Path dir) throws IOException {
        Path binary = dir.resolve("training-plugin");
        String javaCmd = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path") + java.io.File.pathSeparator + trainingLib().resolve("*");
        Files.writeString(binary, "#!/bin/sh\nexec '" + javaCmd + "' -XX:TieredStopAtLevel=1 -Xshare:auto -cp '" + cp + "' "
                + TrainingPluginServer.class.getName() + " '" + dir.resolve("plugin.sock") + "'\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
        return binary;
    }

    /** {@code target/training-lib}, beside the jar this class came from. */
    private static Path trainingLib() throws IOException {
        try {
            Path jar = Path.of(TrainingPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().resolve("training-lib");
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
