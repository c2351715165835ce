package dev.scafctl.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The lock beside a solution: the plugins it runs with, pinned. One schema with the Go scafctl's
 * {@code solution.lock} ({@code version: 1}; {@code plugins[]} with {@code name}, {@code kind},
 * {@code version}, {@code constraint}, {@code digest}, {@code digests}, {@code resolvedFrom};
 * {@code dependencies[]} for vendored solutions), so each tool reads what the other writes.
 * What this tool does not act on ({@code dependencies}, {@code resolvedCanonical},
 * {@code signature}, {@code source}, any newer key) is written back as read.
 *
 * <p>A single {@code digest} without {@code digests} binds every platform: the binary must have
 * exactly those bytes wherever it runs. A plugin built per platform needs its {@code digests}
 * for a machine of another platform than the one that made the lock.
 *
 * <p>Entries are sorted by kind then name and rendered the same way every time, so the file
 * only changes when a pin does.
 */
public record LockFile(List<LockEntry> plugins, JsonNode dependencies) {
    /** The name written beside a solution that has no lock yet. */
    public static final String FILE_NAME = ".scafctl.lock.yaml";
    /** The Go scafctl's name: read, and written where it is the lock already there. */
    public static final String GO_FILE_NAME = "solution.lock";
    static final String HEADER = "# Maintained by scafctl build solution and scafctl plugins lock. Manual edits may be lost.\n";
    /** The keys this tool acts on, in the order they are written (the Go tool's order). */
    private static final List<String> KNOWN = List.of("name", "kind", "version", "constraint", "digest", "digests",
            "platforms", "resolvedFrom");

    public LockFile {
        List<LockEntry> sorted = new ArrayList<>(plugins);
        sorted.sort(Comparator.comparing((LockEntry e) -> e.kind().id()).thenComparing(LockEntry::name));
        plugins = List.copyOf(sorted);
        dependencies = dependencies == null || dependencies.isNull() || dependencies.isMissingNode() ? null : dependencies.deepCopy();
    }

    public LockFile(List<LockEntry> plugins) {
        this(plugins, null);
    }

    /**
     * Where the lock of a solution file is: {@value FILE_NAME} when it exists, else the Go tool's
     * {@value GO_FILE_NAME} when that exists, else {@value FILE_NAME} (for a new lock).
     */
    public static Path pathBeside(Path solutionFile) {
        Path ours = solutionFile.toAbsolutePath().resolveSibling(FILE_NAME);
        Path go = solutionFile.toAbsolutePath().resolveSibling(GO_FILE_NAME);
        return !Files.exists(ours) && Files.isRegularFile(go) ? go : ours;
    }

    /** The lock beside a solution file ({@link #pathBeside}), if there is one. */
    public static Optional<LockFile> readBeside(Path solutionFile) {
        Path p = pathBeside(solutionFile);
        return Files.isRegularFile(p) ? Optional.of(read(p)) : Optional.empty();
    }

    public static LockFile read(Path file) {
        String text;
        try {
            text = BoundedFiles.readText(file, Formats.MAX_DOCUMENT_CHARS, "lock file",
                    "a lock lists a few plugins: delete it and make it again with 'scafctl plugins lock -f <solution>'");
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
        if (!list.isMissingNode() && !list.isNull() && !list.isArray()) throw invalid(where, "plugins", "must be a list");
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String at = "plugins[" + i + "]";
            if (!n.isObject()) throw invalid(where, at, "must be a mapping");
            String kindText = n.path("kind").asText();
            ArtifactKind kind = ArtifactKind.fromId(kindText).filter(ArtifactKind::isPlugin)
                    .orElseThrow(() -> invalid(where, at + ".kind", "unknown plugin kind '" + kindText + "'"));
            Map<Platform, Digest> platforms = new TreeMap<>();
            // digests is the shared key; platforms is what this tool wrote before
            for (String key : List.of("digests", "platforms")) {
                n.path(key).fields().forEachRemaining(e ->
                        platforms.put(Platform.parse(e.getKey()), digest(e.getValue().asText(), where, at + "." + key)));
            }
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
            if ((d == null || d.isEmpty()) && platforms.isEmpty()) throw invalid(where, at + ".digest", "missing");
            String constraint = n.path("constraint").asText(null);
            ObjectNode extra = ((ObjectNode) n).deepCopy();
            extra.remove(KNOWN);
            entries.add(new LockEntry(name, kind, constraint == null || constraint.isBlank() ? null : constraint,
                    version, n.path("resolvedFrom").asText(null),
                    d == null || d.isEmpty() ? null : digest(d, where, at + ".digest"), platforms, extra));
        }
        return new LockFile(entries, root.get("dependencies"));
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
                "regenerate it with 'scafctl plugins lock -f <solution>'");
    }

    public Optional<LockEntry> find(String name, ArtifactKind kind) {
        return plugins.stream().filter(e -> e.name().equals(name) && e.kind() == kind).findFirst();
    }

    /**
     * This lock as made now, keeping what {@code previous} held beyond the pins: its vendored
     * solutions, and the extra fields of every entry whose pin is unchanged.
     */
    public LockFile keeping(LockFile previous) {
        if (previous == null) return this;
        List<LockEntry> merged = new ArrayList<>();
        for (LockEntry e : plugins) {
            LockEntry old = previous.find(e.name(), e.kind()).orElse(null);
            merged.add(old != null && old.samePin(e) && e.extra().isEmpty() ? e.withExtra(old.extra()) : e);
        }
        return new LockFile(merged, dependencies != null ? dependencies : previous.dependencies());
    }

    /** True when both pin the same bytes for the same plugins. */
    public boolean samePins(LockFile other) {
        if (plugins.size() != other.plugins.size()) return false;
        for (int i = 0; i < plugins.size(); i++) {
            if (!plugins.get(i).samePin(other.plugins.get(i))) return false;
        }
        return true;
    }

    /** The file's exact bytes. */
    public String render() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (LockEntry e : plugins) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("kind", e.kind().id());
            m.put("version", e.version());
            if (e.constraint() != null) m.put("constraint", e.constraint());
            if (e.digest() != null) m.put("digest", e.digest().toString());
            if (!e.platforms().isEmpty()) {
                Map<String, Object> p = new LinkedHashMap<>();
                e.platforms().forEach((k, v) -> p.put(k.toString(), v.toString()));
                m.put("digests", p);
            }
            if (e.resolvedFrom() != null) m.put("resolvedFrom", e.resolvedFrom());
            e.extra().fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue()));
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1);
        if (dependencies != null) root.put("dependencies", dependencies);
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
