package dev.scafctl.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scafctl.error.InvalidInputException;
import dev.scafctl.format.Formats;
import dev.scafctl.oci.Reference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code config.yaml} as the Go scafctl's schema has it. Values of the keys read here are
 * checked, and a wrong one is refused naming its key, the value and the fix; every other key is
 * kept as written and noted, so a file written by the Go scafctl reads as it is.
 */
final class ConfigReader {
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_-]*";
    private final Path file;
    private final List<String> kept = new ArrayList<>();
    private final List<String> unknown = new ArrayList<>();

    ConfigReader(Path file) {
        this.file = file;
    }

    ConfigDocument read(String text, boolean exists) {
        JsonNode root = Formats.readYamlTree(text, file.toString());
        if (empty(root)) return document(text, exists, root, Config.empty());
        if (!root.isObject()) throw invalid("", "must be a mapping of keys such as catalogs and settings, not " + kind(root));
        ConfigSchema.sort(root, "", ConfigSchema.TOP, kept, unknown);
        return document(text, exists, root, new Config(catalogs(ConfigDocument.field(root, "catalogs")),
                settings(ConfigDocument.field(root, "settings"))));
    }

    private ConfigDocument document(String text, boolean exists, JsonNode root, Config config) {
        return new ConfigDocument(file, exists, text, root, config, kept, unknown);
    }

    private List<CatalogConfig> catalogs(JsonNode list) {
        List<CatalogConfig> catalogs = new ArrayList<>();
        if (empty(list)) return catalogs;
        if (!list.isArray()) throw invalid("catalogs", "must be a list of catalogs, not " + kind(list));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "catalogs[" + i + "]";
            JsonNode c = list.get(i);
            if (!c.isObject()) throw invalid(at, "must be a mapping with name, type and url or path, not " + kind(c));
            String name = string(c, "name", at);
            if (name != null && Config.isReserved(name)) {
                // as in the Go scafctl, the built-in catalogs cannot be redirected: their entries are not read
                kept.add("catalogs[" + name + "] (built in)");
                continue;
            }
            String label = "catalogs[" + (name == null ? i : name) + "].";
            ConfigSchema.sort(c, label, ConfigSchema.CATALOG, kept, unknown);
            CatalogConfig cc = new CatalogConfig(name, string(c, "type", at), string(c, "url", at), string(c, "path", at),
                    bool(c, "insecure", at), string(c, "caFile", at), textOrNull(field(c, "authProvider")),
                    textOrNull(field(c, "authScope")));
            check(cc, at);
            if (!names.add(cc.name())) throw invalid(at + ".name", "catalog '" + cc.name() + "' is listed twice");
            if (CatalogConfig.HTTP.equals(cc.type())) kept.add("catalogs[" + name + "] (type http: not searched)");
            catalogs.add(cc);
        }
        return catalogs;
    }

    private Config.Settings settings(JsonNode s) {
        if (empty(s)) return Config.Settings.EMPTY;
        if (!s.isObject()) throw invalid("settings", "must be a mapping, not " + kind(s));
        ConfigSchema.sort(s, "settings.", ConfigSchema.SETTINGS, kept, unknown);
        return new Config.Settings(string(s, "defaultCatalog", "settings"), bool(s, "noColor", "settings"),
                bool(s, "quiet", "settings"), bool(s, "disableOfficialCatalog", "settings"));
    }

    /** Checks one catalog entry; {@code at} names it in messages. */
    void check(CatalogConfig c, String at) {
        if (c.name() == null || c.name().isBlank()) throw invalid(at + ".name", "a catalog needs a name");
        if (!c.name().matches(NAME)) {
            throw invalid(at + ".name", "invalid catalog name " + InvalidInputException.shown(c.name())
                    + ": use letters, digits, '-' and '_' (no '.' or ':', which mark URLs)");
        }
        if (Config.isReserved(c.name())) {
            throw invalid(at + ".name", "'" + c.name() + "' is the name of the built-in " + c.name() + " catalog; choose another name");
        }
        if (c.type() == null) throw invalid(at + ".type", "a catalog needs a type: oci, filesystem or http");
        switch (c.type()) {
            case CatalogConfig.OCI -> {
                if (blank(c.url())) throw invalid(at + ".url", "an oci catalog needs a url, e.g. oci://ghcr.io/myorg");
                try {
                    Reference.parseCatalogUrl(c.url());
                } catch (InvalidInputException e) {
                    throw invalid(at + ".url", e.getMessage());
                }
            }
            case CatalogConfig.FILESYSTEM -> {
                if (blank(c.path())) throw invalid(at + ".path", "a filesystem catalog needs a path");
            }
            case CatalogConfig.HTTP -> {
                if (blank(c.url())) throw invalid(at + ".url", "an http catalog needs a url");
            }
            default -> throw invalid(at + ".type", "unknown catalog type " + InvalidInputException.shown(c.type())
                    + "; use oci, filesystem or http");
        }
    }

    /** A string value; a number or boolean reads as its text, a mapping or list is refused. */
    private String string(JsonNode node, String key, String at) {
        JsonNode v = field(node, key);
        if (v.isMissingNode() || v.isNull()) return null;
        if (v.isContainerNode()) throw invalid(at + "." + key, "must be a single value, not " + kind(v));
        return v.asText();
    }

    /**
     * A boolean. YAML 1.2 reads {@code yes} and {@code on} as strings, but where a boolean is
     * expected the Go scafctl's reader still takes YAML 1.1's words for one, and so does this.
     */
    private boolean bool(JsonNode node, String key, String at) {
        JsonNode v = field(node, key);
        if (empty(v)) return false;
        if (v.isBoolean()) return v.booleanValue();
        Boolean b = v.isTextual() ? parseBool(v.textValue()) : null;
        if (b != null) return b;
        throw new InvalidInputException(file + ": " + at + "." + key + ": " + InvalidInputException.shown(v.asText())
                + " is not true or false", "write true or false" + (at.equals("settings")
                ? ", or run: scafctl config set settings." + key + " true" : ""));
    }

    /** true/false in any case, and YAML 1.1's yes/no/on/off/y/n; null for anything else. */
    static Boolean parseBool(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "y" -> true;
            case "false", "no", "off", "n" -> false;
            default -> null;
        };
    }

    private static JsonNode field(JsonNode node, String key) {
        return ConfigDocument.field(node, key);
    }

    static String textOrNull(JsonNode v) {
        return v == null || v.isMissingNode() || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** Absent, or written with no value ({@code settings:} followed only by comments reads as an empty string). */
    private static boolean empty(JsonNode n) {
        return n.isMissingNode() || n.isNull() || n.isTextual() && n.textValue().isEmpty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String kind(JsonNode n) {
        return n.isObject() ? "a mapping" : n.isArray() ? "a list" : InvalidInputException.shown(n.asText());
    }

    private InvalidInputException invalid(String at, String problem) {
        return new InvalidInputException(file + ": " + (at.isEmpty() ? "" : at + ": ") + problem,
                "fix the file, or rewrite it with 'scafctl config' commands; 'scafctl config validate' checks it");
    }
}
