package dev.scafctl.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scafctl.catalog.ArtifactKind;
import dev.scafctl.catalog.ArtifactRef;
import dev.scafctl.error.InvalidInputException;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.format.Formats;
import dev.scafctl.io.AtomicFiles;
import dev.scafctl.io.BoundedFiles;
import dev.scafctl.oci.Digest;
import dev.scafctl.oci.Tags;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code .scafctl.lock.yaml}: the plugins a solution runs with, pinned. Entries are sorted by
 * kind then name and rendered the same way every time, so the file only changes when a pin does.
 */
public record LockFile(List<LockEntry> plugins) {
    public static final String FILE_NAME = ".scafctl.lock.yaml";
    /** The older name, still read. */
    public static final String LEGACY_FILE_NAME = "solution.lock";
    static final String HEADER = "# Maintained by scafctl build solution. Manual edits may be lost.\n";

    public LockFile {
        List<LockEntry> sorted = new ArrayList<>(plugins);
        sorted.sort(Comparator.comparing((LockEntry e) -> e.kind().id()).thenComparing(LockEntry::name));
        plugins = List.copyOf(sorted);
    }

    public static Path pathBeside(Path solutionFile) {
        return solutionFile.toAbsolutePath().resolveSibling(FILE_NAME);
    }

    /** The lock beside a solution file ({@value FILE_NAME}, else {@value LEGACY_FILE_NAME}), if there is one. */
    public static Optional<LockFile> readBeside(Path solutionFile) {
        Path main = pathBeside(solutionFile);
        Path legacy = solutionFile.toAbsolutePath().resolveSibling(LEGACY_FILE_NAME);
        for (Path p : List.of(main, legacy)) {
            if (Files.isRegularFile(p)) return Optional.of(read(p));
        }
        return Optional.empty();
    }

    public static LockFile read(Path file) {
        String text;
        try {
            text = BoundedFiles.readText(file, Formats.MAX_DOCUMENT_CHARS, "lock file",
                    "a lock lists a few plugins: delete it and make it again with 'scafctl build solution'");
        } catch (IOException e) {
            throw new ScafctlException("cannot read lock file " + file + ": " + e.getMessage(), "check its permissions");
        }
        return parse(text, file.toString());
    }

    static LockFile parse(String text, String where) {
        JsonNode root = Formats.readYamlTree(text, where);
        if (!root.isObject()) throw invalid(where, "", "must be a mapping with version and plugins");
        if (root.path("version").asInt(0) != 1) {
            throw invalid(where, "version", "unsupported lock version '" + root.path("version").asText() + "'; expected 1");
        }
        List<LockEntry> entries = new ArrayList<>();
        JsonNode list = root.path("plugins");
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String at = "plugins[" + i + "]";
            String kindText = n.path("kind").asText();
            ArtifactKind kind = ArtifactKind.fromId(kindText).filter(ArtifactKind::isPlugin)
                    .orElseThrow(() -> invalid(where, at + ".kind", "unknown plugin kind '" + kindText + "'"));
            Map<Platform, Digest> platforms = new TreeMap<>();
            n.path("platforms").fields().forEachRemaining(e ->
                    platforms.put(Platform.parse(e.getKey()), digest(e.getValue().asText(), where, at + ".platforms")));
            String d = n.path("digest").asText(null);
            // name and version become directory names in the plugin cache
            String name = required(n, "name", where, at);
            String whyInvalid = ArtifactRef.whyInvalidName(name);
            if (whyInvalid != null) {
                throw invalid(where, at + ".name", "invalid plugin name " + InvalidInputException.shown(name) + ": " + whyInvalid);
            }
            String version = required(n, "version", where, at);
            try {
                Tags.checkLength(version);
            } catch (InvalidInputException e) {
                throw invalid(where, at + ".version", e.getMessage());
            }
            entries.add(new LockEntry(name, kind, required(n, "constraint", where, at),
                    version, n.path("resolvedFrom").asText(null),
                    d == null ? null : digest(d, where, at + ".digest"), platforms));
        }
        return new LockFile(entries);
    }

    private static String required(JsonNode n, String key, String where, String at) {
        String v = n.path(key).asText(null);
        if (v == null || v.isBlank()) throw invalid(where, at + "." + key, "missing");
        return v;
    }

    private static Digest digest(String text, String where, String at) {
        if (!Digest.isValid(text)) throw invalid(where, at, "invalid digest '" + text + "'");
        return Digest.parse(text);
    }

    private static InvalidInputException invalid(String where, String at, String problem) {
        return new InvalidInputException(where + ": " + (at.isEmpty() ? "" : at + ": ") + problem,
                "regenerate it with 'scafctl build solution'");
    }

    public Optional<LockEntry> find(String name, ArtifactKind kind) {
        return plugins.stream().filter(e -> e.name().equals(name) && e.kind() == kind).findFirst();
    }

    /** The file's exact bytes. */
    public String render() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (LockEntry e : plugins) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("kind", e.kind().id());
            m.put("constraint", e.constraint());
            m.put("version", e.version());
            if (e.resolvedFrom() != null) m.put("resolvedFrom", e.resolvedFrom());
            if (e.digest() != null) m.put("digest", e.digest().toString());
            if (!e.platforms().isEmpty()) {
                Map<String, Object> p = new LinkedHashMap<>();
                e.platforms().forEach((k, v) -> p.put(k.toString(), v.toString()));
                m.put("platforms", p);
            }
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1);
        root.put("plugins", list);
        return HEADER + Formats.toYaml(root);
    }

    /**
     * Writes the lock atomically unless the file already holds exactly these bytes; true when it wrote.
     * Mode 0644, like any source file: the lock is committed and read by others.
     */
    public boolean writeIfChanged(Path file) {
        String text = render();
        try {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            // compared only at equal size, so a huge file beside the solution is replaced, never read
            if (Files.isRegularFile(file) && Files.size(file) == bytes.length
                    && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) return false;
            AtomicFiles.write(file, bytes, AtomicFiles.SHARED);
            return true;
        } catch (IOException e) {
            throw new ScafctlException("cannot write lock file " + file + ": " + e.getMessage(),
                    "check that the solution's directory is writable");
        }
    }
}
