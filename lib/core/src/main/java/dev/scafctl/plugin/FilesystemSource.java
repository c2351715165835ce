package dev.scafctl.plugin;

import dev.scafctl.catalog.ArtifactKind;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.io.BoundedFiles;
import dev.scafctl.oci.Digest;
import org.semver4j.Semver;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@code type: filesystem} catalog: a plain directory in the cache's layout
 * ({@code <dir>/<name>/<version>/<os>-<arch>/<name>}), typically a plugin cache copied to an
 * air-gapped site. A binary's digest comes from a {@code <name>.sha256} file beside it; without
 * one this source cannot give a digest.
 */
public final class FilesystemSource implements PluginSource {
    /** A sha256sum line is 64 hex digits, two spaces and a file name. */
    private static final long MAX_DIGEST_FILE_BYTES = 4096;

    private final String name;
    private final Path dir;

    public FilesystemSource(String name, Path dir) {
        this.name = name;
        this.dir = dir.toAbsolutePath().normalize();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> versions(String plugin, ArtifactKind kind) {
        Path p = pluginDir(plugin);
        if (!Files.isDirectory(p)) return List.of();
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(Files::isDirectory).map(x -> x.getFileName().toString())
                    .filter(v -> Semver.parse(v) != null).sorted().toList();
        } catch (IOException e) {
            throw new ScafctlException("catalog " + name + ": cannot list " + p + ": " + e.getMessage(),
                    "check the directory's permissions");
        }
    }

    @Override
    public Optional<PluginArtifact> describe(String plugin, ArtifactKind kind, String version) {
        Path v = pluginDir(plugin).resolve(version).normalize();
        if (!v.startsWith(dir) || !Files.isDirectory(v)) return Optional.empty();
        List<PluginBinary> binaries = new ArrayList<>();
        try (Stream<Path> s = Files.list(v)) {
            for (Path pd : s.filter(Files::isDirectory).sorted().toList()) {
                String[] parts = pd.getFileName().toString().split("-", 2);
                if (parts.length != 2) continue;
                Platform platform;
                try {
                    platform = new Platform(parts[0], parts[1]);
                } catch (RuntimeException e) {
                    continue;
                }
                Path bin = pd.resolve(platform.isWindows() ? plugin + ".exe" : plugin);
                if (!Files.isRegularFile(bin)) continue;
                binaries.add(new PluginBinary(platform, digestBeside(bin, plugin), Files.size(bin), bin.toString()));
            }
        } catch (IOException e) {
            throw new ScafctlException("catalog " + name + ": cannot read " + v + ": " + e.getMessage(),
                    "check the directory's permissions");
        }
        return binaries.isEmpty() ? Optional.empty()
                : Optional.of(new PluginArtifact(plugin, kind, version, name, binaries));
    }

    @Override
    public void fetch(PluginArtifact artifact, PluginBinary binary, OutputStream out) throws IOException {
        Files.copy(Path.of(binary.locator()), out);
    }

    private Path pluginDir(String plugin) {
        Path p = dir.resolve(plugin).normalize();
        if (!p.startsWith(dir) || p.equals(dir)) {
            throw new ScafctlException("plugin name '" + plugin + "' would leave catalog " + name, "fix the plugin name");
        }
        return p;
    }

    /** {@code <name>.sha256} holds the hex digest, optionally prefixed {@code sha256:} or followed by a file name. */
    private Digest digestBeside(Path bin, String plugin) throws IOException {
        Path f = bin.resolveSibling(plugin + ".sha256");
        if (!Files.isRegularFile(f)) return null;
        String text = BoundedFiles.readText(f, MAX_DIGEST_FILE_BYTES, "digest file",
                "write the 64 hex digits of the binary's sha256 into it (sha256sum output works)").trim();
        String first = text.isEmpty() ? "" : text.split("\\s+")[0];
        String candidate = first.startsWith("sha256:") ? first : "sha256:" + first;
        if (!Digest.isValid(candidate)) {
            throw new ScafctlException("catalog " + name + ": " + f + " does not hold a sha256 digest",
                    "write the 64 hex digits of the binary's sha256 into it (sha256sum output works)");
        }
        return Digest.parse(candidate);
    }
}
