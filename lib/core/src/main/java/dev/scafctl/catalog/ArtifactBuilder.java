package dev.scafctl.catalog;

import dev.scafctl.bundle.BundleWriter;
import dev.scafctl.error.InvalidInputException;
import dev.scafctl.format.Formats;
import dev.scafctl.oci.Descriptor;
import dev.scafctl.oci.Index;
import dev.scafctl.oci.Manifest;
import dev.scafctl.oci.MediaTypes;
import dev.scafctl.oci.OciLayout;
import dev.scafctl.oci.Tags;
import dev.scafctl.plugin.Platform;
import dev.scafctl.solution.Solution;
import dev.scafctl.solution.SolutionMetadata;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a solution file or plugin binaries into OCI artifacts in the local catalog: a solution is
 * one image manifest with its YAML as the first layer and its bundle's layers after it; a plugin is an image index with one manifest per
 * platform, each entry carrying {@code platform} and {@code dev.scafctl.plugin.platform}.
 */
public final class ArtifactBuilder {
    private final LocalCatalog local;
    private final Instant created;

    public ArtifactBuilder(LocalCatalog local) {
        this(local, buildTime());
    }

    public ArtifactBuilder(LocalCatalog local, Instant created) {
        this.local = local;
        this.created = created.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Now, or {@code SOURCE_DATE_EPOCH} for reproducible builds. */
    static Instant buildTime() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && epoch.matches("\\d{1,12}")) return Instant.ofEpochSecond(Long.parseLong(epoch));
        return Instant.now();
    }

    /** Stores a parsed solution with the bytes of its file. */
    public ArtifactInfo storeSolution(Solution solution, byte[] yaml, String version, boolean force) {
        SolutionMetadata meta = solution.metadata();
        String name = meta.name();
        ArtifactRef.checkName(name, "metadata.name " + name);
        checkVersion(version);
        requireAbsent(ArtifactKind.SOLUTION, name, version, force);
        OciLayout layout = local.layout();
        layout.ensureInitialized();
        Descriptor config = layout.putBlob(ArtifactKind.SOLUTION.configMediaType(), configJson(ArtifactKind.SOLUTION, name, version, null));
        String title = solution.source() == null ? "solution.yaml" : solution.source().getFileName().toString();
        Descriptor layer = layout.putBlob(ArtifactKind.SOLUTION.contentMediaType(), yaml)
                .withAnnotation(MediaTypes.TITLE, title);
        List<Descriptor> layers = new ArrayList<>();
        layers.add(layer);
        layers.addAll(BundleWriter.write(solution, layout));
        Map<String, String> a = common(ArtifactKind.SOLUTION, name, version);
        put(a, MediaTypes.DESCRIPTION, meta.description());
        put(a, MediaTypes.SOLUTION_DISPLAY_NAME, meta.displayName());
        put(a, MediaTypes.SOLUTION_CATEGORY, meta.category());
        if (!meta.tags().isEmpty()) a.put(MediaTypes.SOLUTION_TAGS, String.join(",", meta.tags()));
        byte[] manifest = Manifest.of(config, layers, a).toJson();
        Descriptor top = layout.putBlob(MediaTypes.IMAGE_MANIFEST, manifest);
        local.commit(ArtifactKind.SOLUTION, name, version, top, force, "built");
        return local.describe(ArtifactKind.SOLUTION, name, version).orElseThrow();
    }

    /** Stores a plugin's binaries, one per platform, as an image index. */
    public ArtifactInfo storePlugin(ArtifactKind kind, String name, String version, Map<Platform, Path> binaries,
                                    List<String> providers, boolean force) {
        if (!kind.isPlugin()) {
            throw new InvalidInputException("a plugin is a provider or an auth-handler, not a " + kind, "use --kind provider or --kind auth-handler");
        }
        ArtifactRef.checkName(name, name);
        checkVersion(version);
        if (binaries.isEmpty()) {
            throw new InvalidInputException("no binaries given", "add --platform os/arch=PATH for each platform, e.g. --platform linux/amd64=./bin/my-plugin");
        }
        for (var e : binaries.entrySet()) {
            if (!Files.isRegularFile(e.getValue())) {
                throw new InvalidInputException("binary for " + e.getKey() + " not found: " + e.getValue(), "check the path after '='");
            }
        }
        requireAbsent(kind, name, version, force);
        OciLayout layout = local.layout();
        layout.ensureInitialized();
        List<Descriptor> entries = new ArrayList<>();
        for (var e : new TreeMap<>(binaries).entrySet()) {
            Platform p = e.getKey();
            Descriptor config = layout.putBlob(kind.configMediaType(), configJson(kind, name, version, p));
            Descriptor layer = layout.putFile(kind.contentMediaType(), e.getValue())
                    .withAnnotation(MediaTypes.TITLE, p.isWindows() ? name + ".exe" : name);
            Map<String, String> a = common(kind, name, version);
            a.put(MediaTypes.PLUGIN_PLATFORM, p.toString());
            Descriptor m = layout.putBlob(MediaTypes.IMAGE_MANIFEST, Manifest.of(config, List.of(layer), a).toJson());
            entries.add(m.withPlatform(p).withAnnotation(MediaTypes.PLUGIN_PLATFORM, p.toString()));
        }
        Map<String, String> a = common(kind, name, version);
        if (providers != null && !providers.isEmpty()) a.put(MediaTypes.PLUGIN_PROVIDERS, String.join(",", providers));
        Descriptor top = layout.putBlob(MediaTypes.IMAGE_INDEX, Index.of(entries, a).toJson());
        local.commit(kind, name, version, top, force, "built");
        return local.describe(kind, name, version).orElseThrow();
    }

    private void requireAbsent(ArtifactKind kind, String name, String version, boolean force) {
        if (!force && local.entry(kind, name, version).isPresent()) {
            throw new InvalidInputException(kind + " " + name + "@" + version + " already exists in the local catalog",
                    "use --force to replace it, or choose another version");
        }
    }

    static void checkVersion(String version) {
        if (version == null || version.isBlank()) {
            throw new InvalidInputException("no version", "give --version, or set metadata.version in the solution");
        }
        Tags.checkLength(version);
        if (!Tags.isSemver(version)) {
            throw new InvalidInputException("invalid version '" + version + "': not a semantic version",
                    "use MAJOR.MINOR.PATCH, e.g. 1.0.0 or 1.0.0-rc.1");
        }
    }

    private Map<String, String> common(ArtifactKind kind, String name, String version) {
        Map<String, String> a = new TreeMap<>();
        a.put(MediaTypes.ARTIFACT_TYPE, kind.id());
        a.put(MediaTypes.ARTIFACT_NAME, name);
        a.put(MediaTypes.ARTIFACT_ORIGIN, "built");
        a.put(MediaTypes.VERSION, version);
        a.put(MediaTypes.CREATED, created.toString());
        a.put(MediaTypes.TITLE, name);
        return a;
    }

    private static void put(Map<String, String> a, String key, String value) {
        if (value != null && !value.isBlank()) a.put(key, value);
    }

    private byte[] configJson(ArtifactKind kind, String name, String version, Platform platform) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("kind", kind.id());
        c.put("name", name);
        c.put("version", version);
        c.put("createdAt", created.toString());
        if (platform != null) c.put("platform", platform.toString());
        return Formats.toJson(c).getBytes(StandardCharsets.UTF_8);
    }
}
