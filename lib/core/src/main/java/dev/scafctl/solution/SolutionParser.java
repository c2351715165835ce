package dev.scafctl.solution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scafctl.catalog.ArtifactKind;
import dev.scafctl.catalog.ArtifactRef;
import dev.scafctl.error.InvalidInputException;
import dev.scafctl.format.Formats;
import dev.scafctl.io.BoundedFiles;
import dev.scafctl.plugin.VersionConstraint;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a solution YAML file into a validated {@link Solution}. Every error names the file and
 * the path of the offending key ({@code spec.resolvers.port.type}); YAML syntax errors name the
 * line and column.
 */
public final class SolutionParser {
    public static final Pattern RESOLVER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private static final Set<String> TOP_KEYS = Set.of("apiVersion", "kind", "metadata", "spec", "bundle");
    private static final Set<String> METADATA_KEYS = Set.of("name", "version", "displayName", "description",
            "category", "tags");
    private static final Set<String> RESOLVER_KEYS = Set.of("description", "type", "dependsOn", "resolve");
    private static final Set<String> SOURCE_KEYS = Set.of("provider", "inputs");
    private static final Set<String> PLUGIN_KEYS = Set.of("name", "kind", "version");

    private String where;

    public Solution parse(Path file) {
        return parse(read(file), file);
    }

    /** A solution file's text, refused unread when it is larger than a YAML document may be. */
    public static String read(Path file) {
        try {
            return BoundedFiles.readText(file, Formats.MAX_DOCUMENT_CHARS, "solution file",
                    "a solution is a small YAML file: keep large data in files that the file or exec provider reads");
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("solution file not found: " + file,
                    "check the path of the solution file");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read solution file " + file + ": " + e.getMessage(),
                    "check the path and its permissions");
        }
    }

    public Solution parse(String yaml, Path source) {
        where = source == null ? "solution" : source.toString();
        JsonNode root = Formats.readYamlTree(yaml, where);
        if (!root.isObject()) {
            throw error("", "a solution must be a YAML mapping with apiVersion, kind, metadata and spec");
        }
        checkKeys(root, "", TOP_KEYS);
        String apiVersion = requiredText(root, "apiVersion");
        if (!Solution.API_VERSION.equals(apiVersion)) {
            throw error("apiVersion", "unsupported apiVersion '" + apiVersion + "'; expected " + Solution.API_VERSION);
        }
        String kind = requiredText(root, "kind");
        if (!Solution.KIND.equals(kind)) {
            throw error("kind", "unsupported kind '" + kind + "'; expected " + Solution.KIND);
        }
        SolutionMetadata metadata = metadata(root.path("metadata"));
        List<PluginRequirement> plugins = plugins(root.path("bundle"));
        List<String> include = include(root.path("bundle"));
        JsonNode spec = root.path("spec");
        if (!spec.isObject()) throw error("spec", "missing or not a mapping; a solution needs spec.resolvers");
        checkKeys(spec, "spec", Set.of("resolvers"));
        JsonNode resolversNode = spec.path("resolvers");
        if (!resolversNode.isObject()) throw error("spec.resolvers", "missing or not a mapping of resolver names");
        Map<String, ResolverSpec> resolvers = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = resolversNode.fields();
        while (it.hasNext()) {
            var e = it.next();
            resolvers.put(e.getKey(), resolver(e.getKey(), e.getValue()));
        }
        return new Solution(apiVersion, metadata, plugins, include, resolvers, source, null);
    }

    private SolutionMetadata metadata(JsonNode node) {
        if (!node.isObject()) throw error("metadata", "missing or not a mapping; it needs at least a name");
        checkKeys(node, "metadata", METADATA_KEYS);
        String name = requiredText(node, "name", "metadata.name");
        List<String> tags = new ArrayList<>();
        JsonNode t = node.path("tags");
        if (!t.isMissingNode() && !t.isNull()) {
            if (!t.isArray()) throw error("metadata.tags", "must be a list of strings");
            t.forEach(x -> tags.add(x.asText()));
        }
        return new SolutionMetadata(name, optionalText(node, "version"), optionalText(node, "displayName"),
                optionalText(node, "description"), optionalText(node, "category"), tags);
    }

    private List<PluginRequirement> plugins(JsonNode bundle) {
        if (bundle.isMissingNode() || bundle.isNull()) return List.of();
        if (!bundle.isObject()) throw error("bundle", "must be a mapping");
        checkKeys(bundle, "bundle", Set.of("plugins", "include"));
        JsonNode list = bundle.path("plugins");
        if (list.isMissingNode() || list.isNull()) return List.of();
        if (!list.isArray()) throw error("bundle.plugins", "must be a list of {name, kind, version}");
        List<PluginRequirement> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "bundle.plugins[" + i + "]";
            JsonNode p = list.get(i);
            if (!p.isObject()) throw error(path, "must be a mapping with name, kind and version");
            checkKeys(p, path, PLUGIN_KEYS);
            String name = requiredText(p, "name", path + ".name");
            String whyInvalid = ArtifactRef.whyInvalidName(name);
            if (whyInvalid != null) {
                throw error(path + ".name", "invalid plugin name " + InvalidInputException.shown(name) + ": " + whyInvalid);
            }
            String kindText = requiredText(p, "kind", path + ".kind");
            ArtifactKind kind = ArtifactKind.fromId(kindText).filter(ArtifactKind::isPlugin)
                    .orElseThrow(() -> error(path + ".kind", "unknown plugin kind '" + kindText
                            + "'; use provider or auth-handler"));
            String constraint = requiredText(p, "version", path + ".version");
            try {
                VersionConstraint.parse(constraint);
            } catch (InvalidInputException e) {
                throw error(path + ".version", e.getMessage() + "; " + e.nextStep());
            }
            if (!seen.add(kind.id() + "/" + name)) {
                throw error(path, "plugin " + name + " (" + kind.id() + ") is declared twice");
            }
            out.add(new PluginRequirement(name, kind, constraint));
        }
        return out;
    }

    /** {@code bundle.include}: paths and globs, relative to the solution file, of the files built into its artifact. */
    private List<String> include(JsonNode bundle) {
        JsonNode list = bundle.path("include");
        if (list.isMissingNode() || list.isNull()) return List.of();
        if (!list.isArray()) throw error("bundle.include", "must be a list of paths or globs relative to the solution file");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            if (!p.isTextual() || p.asText().isBlank()) throw error("bundle.include[" + i + "]", "must be a path or a glob, e.g. templates/**");
            out.add(p.asText());
        }
        return out;
    }

    private ResolverSpec resolver(String name, JsonNode node) {
        String path = "spec.resolvers." + name;
        if (!RESOLVER_NAME.matcher(name).matches()) {
            throw error(path, "invalid resolver name '" + name
                    + "': start with a letter or '_', then letters, digits, '_' or '-'");
        }
        if (!node.isObject()) throw error(path, "must be a mapping with resolve.with");
        checkKeys(node, path, RESOLVER_KEYS);
        ValueType type = ValueType.ANY;
        String typeText = optionalText(node, "type");
        if (typeText != null) {
            type = ValueType.parse(typeText).orElseThrow(() -> error(path + ".type",
                    "unknown type '" + typeText + "'; use one of " + ValueType.spellings()));
        }
        List<String> dependsOn = new ArrayList<>();
        JsonNode deps = node.path("dependsOn");
        if (!deps.isMissingNode() && !deps.isNull()) {
            if (!deps.isArray()) throw error(path + ".dependsOn", "must be a list of resolver names");
            deps.forEach(d -> dependsOn.add(d.asText()));
        }
        JsonNode resolve = node.path("resolve");
        if (!resolve.isObject()) throw error(path + ".resolve", "missing; a resolver needs resolve.with, a list of sources");
        checkKeys(resolve, path + ".resolve", Set.of("with"));
        JsonNode with = resolve.path("with");
        if (!with.isArray() || with.isEmpty()) {
            throw error(path + ".resolve.with", "must be a non-empty list of sources ({provider, inputs})");
        }
        List<SourceSpec> sources = new ArrayList<>();
        for (int i = 0; i < with.size(); i++) {
            String sp = path + ".resolve.with[" + i + "]";
            JsonNode s = with.get(i);
            if (!s.isObject()) throw error(sp, "must be a mapping with provider and inputs");
            checkKeys(s, sp, SOURCE_KEYS);
            String provider = requiredText(s, "provider", sp + ".provider");
            JsonNode inputs = s.path("inputs");
            Map<String, Object> in = new LinkedHashMap<>();
            if (!inputs.isMissingNode() && !inputs.isNull()) {
                if (!inputs.isObject()) throw error(sp + ".inputs", "must be a mapping of input names to values");
                Iterator<Map.Entry<String, JsonNode>> it = inputs.fields();
                while (it.hasNext()) {
                    var e = it.next();
                    in.put(e.getKey(), value(e.getValue(), sp + ".inputs." + e.getKey()));
                }
            }
            sources.add(new SourceSpec(provider, in));
        }
        return new ResolverSpec(name, optionalText(node, "description"), type, dependsOn, sources);
    }

    /** A literal, or a {@link ValueRef} where the mapping is {@code {rslvr: X}} or {@code {expr: X}}. */
    private Object value(JsonNode node, String path) {
        if (node.isObject()) {
            if (node.size() == 1 && (node.has("rslvr") || node.has("expr"))) {
                String key = node.has("rslvr") ? "rslvr" : "expr";
                JsonNode v = node.get(key);
                if (!v.isTextual() || v.textValue().isBlank()) {
                    throw error(path + "." + key, key + " must be a non-empty string");
                }
                if (key.equals("rslvr")) return new ValueRef.Resolver(v.textValue().trim());
                return new ValueRef.Expr(v.textValue());
            }
            Map<String, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                map.put(e.getKey(), value(e.getValue(), path + "." + e.getKey()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) list.add(value(node.get(i), path + "[" + i + "]"));
            return list;
        }
        return Formats.toJava(node);
    }

    private void checkKeys(JsonNode node, String path, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                String at = path.isEmpty() ? n : path + "." + n;
                throw error(at, "unknown key '" + n + "'; allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    private String requiredText(JsonNode node, String key) {
        return requiredText(node, key, key);
    }

    private String requiredText(JsonNode node, String key, String path) {
        JsonNode v = node.path(key);
        if (v.isMissingNode() || v.isNull() || v.isContainerNode() || v.asText().isBlank()) {
            throw error(path, "missing or empty; a value is required");
        }
        return v.asText().trim();
    }

    private static String optionalText(JsonNode node, String key) {
        JsonNode v = node.path(key);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private InvalidInputException error(String path, String problem) {
        return new InvalidInputException(where + ": " + (path.isEmpty() ? "" : path + ": ") + problem,
                "fix the solution file and run again");
    }
}
