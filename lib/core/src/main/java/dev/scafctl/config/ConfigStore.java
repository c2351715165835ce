package dev.scafctl.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scafctl.error.InvalidInputException;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.format.Formats;
import dev.scafctl.io.AtomicFiles;
import dev.scafctl.io.BoundedFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads, validates and writes {@code config.yaml}. A missing file is an empty config. */
public final class ConfigStore {
    /** Keys {@code config get/set} accept, with their aliases. */
    public static final Map<String, String> SETTING_ALIASES = Map.of(
            "settings.defaultCatalog", "settings.defaultCatalog",
            "defaultCatalog", "settings.defaultCatalog",
            "catalog", "settings.defaultCatalog",
            "settings.noColor", "settings.noColor",
            "noColor", "settings.noColor",
            "settings.quiet", "settings.quiet",
            "quiet", "settings.quiet");

    private static final Set<String> TOP_KEYS = Set.of("catalogs", "settings");
    private static final Set<String> CATALOG_KEYS = Set.of("name", "type", "url", "path", "insecure", "caFile");
    private static final Set<String> SETTINGS_KEYS = Set.of("defaultCatalog", "noColor", "quiet");

    private final Path file;

    public ConfigStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public Config load() {
        String text;
        try {
            text = BoundedFiles.readText(file, Formats.MAX_DOCUMENT_CHARS, "config",
                    "config.yaml holds catalogs and settings: restore a good copy, or delete it and add the catalogs again with 'scafctl config add-catalog'");
        } catch (NoSuchFileException e) {
            return Config.empty();
        } catch (IOException e) {
            throw new ScafctlException("cannot read config " + file + ": " + e.getMessage(), "check its permissions");
        }
        return parse(text);
    }

    Config parse(String text) {
        JsonNode root = Formats.readYamlTree(text, file.toString());
        if (root.isMissingNode() || root.isNull()) return Config.empty();
        if (!root.isObject()) throw invalid("", "must be a mapping with catalogs and settings");
        checkKeys(root, "", TOP_KEYS);
        List<CatalogConfig> catalogs = new ArrayList<>();
        JsonNode list = root.path("catalogs");
        if (!list.isMissingNode() && !list.isNull()) {
            if (!list.isArray()) throw invalid("catalogs", "must be a list");
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String at = "catalogs[" + i + "]";
                JsonNode c = list.get(i);
                if (!c.isObject()) throw invalid(at, "must be a mapping with name, type and url or path");
                checkKeys(c, at, CATALOG_KEYS);
                CatalogConfig cc = new CatalogConfig(text(c, "name"), text(c, "type"), text(c, "url"),
                        text(c, "path"), bool(c.path("insecure")), text(c, "caFile"));
                validate(cc, at);
                if (!names.add(cc.name())) throw invalid(at + ".name", "catalog '" + cc.name() + "' is listed twice");
                catalogs.add(cc);
            }
        }
        JsonNode s = root.path("settings");
        Config.Settings settings = Config.Settings.EMPTY;
        if (!s.isMissingNode() && !s.isNull()) {
            if (!s.isObject()) throw invalid("settings", "must be a mapping");
            checkKeys(s, "settings", SETTINGS_KEYS);
            settings = new Config.Settings(text(s, "defaultCatalog"), bool(s.path("noColor")), bool(s.path("quiet")));
        }
        return new Config(catalogs, settings);
    }

    /** Checks one catalog entry; {@code at} names it in messages. */
    public void validate(CatalogConfig c, String at) {
        if (c.name() == null || c.name().isBlank()) throw invalid(at + ".name", "a catalog needs a name");
        if (!c.name().matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw invalid(at + ".name", "invalid catalog name '" + c.name()
                    + "': use letters, digits, '-' and '_' (no '.' or ':', which mark URLs)");
        }
        if (Config.LOCAL.equals(c.name())) {
            throw invalid(at + ".name", "'local' is reserved for the local catalog");
        }
        if (CatalogConfig.OCI.equals(c.type())) {
            if (c.url() == null || c.url().isBlank()) throw invalid(at + ".url", "an oci catalog needs a url");
        } else if (CatalogConfig.FILESYSTEM.equals(c.type())) {
            if (c.path() == null || c.path().isBlank()) throw invalid(at + ".path", "a filesystem catalog needs a path");
        } else {
            throw invalid(at + ".type", "unknown catalog type '" + c.type() + "'; use oci or filesystem");
        }
    }

    public void save(Config config) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (!config.catalogs().isEmpty()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (CatalogConfig c : config.catalogs()) list.add(entry(c));
            root.put("catalogs", list);
        }
        Map<String, Object> settings = settings(config.settings());
        if (!settings.isEmpty()) root.put("settings", settings);
        String yaml = root.isEmpty() ? "{}\n" : Formats.toYaml(root);
        try {
            AtomicFiles.write(file, yaml.getBytes(StandardCharsets.UTF_8), AtomicFiles.OWNER_ONLY);
        } catch (IOException e) {
            throw new ScafctlException("cannot write config " + file + ": " + e.getMessage(),
                    "check that its directory is writable");
        }
    }

    /** The value at a dotted key, as plain Java (String, List, Map); null when unset. */
    public Object get(Config config, String key) {
        String canonical = SETTING_ALIASES.get(key);
        if (canonical != null) return settingValue(config.settings(), canonical);
        Map<String, Object> tree = asTree(config);
        Object node = tree;
        for (String part : key.split("\\.")) {
            if (node instanceof Map<?, ?> m && m.containsKey(part)) {
                node = m.get(part);
            } else {
                throw new InvalidInputException("unknown config key '" + key + "'",
                        "use settings.defaultCatalog (or catalog), settings.noColor, settings.quiet, catalogs, or catalogs.NAME[.url|.type|.path|.insecure]");
            }
        }
        return node;
    }

    /** Sets a setting; only the keys of {@link #SETTING_ALIASES} can be set this way. */
    public Config set(Config config, String key, String value) {
        String canonical = SETTING_ALIASES.get(key);
        if (canonical == null) {
            throw new InvalidInputException("config key '" + key + "' cannot be set",
                    "settable keys: settings.defaultCatalog (alias: catalog), settings.noColor, settings.quiet;"
                            + " manage catalogs with 'scafctl config add-catalog'");
        }
        Config.Settings s = config.settings();
        return config.withSettings(switch (canonical) {
            case "settings.noColor" -> s.withNoColor(flag(key, value));
            case "settings.quiet" -> s.withQuiet(flag(key, value));
            default -> s.withDefaultCatalog(value == null || value.isBlank() ? null : value);
        });
    }

    private static boolean flag(String key, String value) {
        if ("true".equals(value)) return true;
        if ("false".equals(value)) return false;
        throw new InvalidInputException("config key '" + key + "' takes true or false, not '" + value + "'", "pass true or false");
    }

    private static Map<String, Object> asTree(Config config) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> catalogs = new LinkedHashMap<>();
        for (CatalogConfig c : config.catalogs()) catalogs.put(c.name(), entry(c));
        root.put("catalogs", catalogs);
        root.put("settings", settings(config.settings()));
        return root;
    }

    /** The config as plain Java in file order, for {@code config view}. */
    public static Map<String, Object> view(Config config) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (CatalogConfig c : config.catalogs()) list.add(entry(c));
        root.put("catalogs", list);
        root.put("settings", settings(config.settings()));
        return root;
    }

    /** The settings as written in the file: one that is not set is left out rather than shown as null or false. */
    private static Map<String, Object> settings(Config.Settings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s.defaultCatalog() != null) m.put("defaultCatalog", s.defaultCatalog());
        if (s.noColor()) m.put("noColor", true);
        if (s.quiet()) m.put("quiet", true);
        return m;
    }

    private static Object settingValue(Config.Settings s, String canonical) {
        return switch (canonical) {
            case "settings.noColor" -> s.noColor();
            case "settings.quiet" -> s.quiet();
            default -> s.defaultCatalog();
        };
    }

    /** A catalog as written in the file: only the keys that are set. */
    private static Map<String, Object> entry(CatalogConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("type", c.type());
        if (c.url() != null) m.put("url", c.url());
        if (c.path() != null) m.put("path", c.path());
        if (c.insecure()) m.put("insecure", true);
        if (c.caFile() != null) m.put("caFile", c.caFile());
        return m;
    }

    private void checkKeys(JsonNode node, String at, Set<String> allowed) {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw invalid(at.isEmpty() ? k : at + "." + k, "unknown key '" + k + "'; allowed here: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    /**
     * YAML 1.2 reads {@code yes} and {@code on} as strings, but where a boolean is expected the Go
     * scafctl's reader (yaml.v3) still takes YAML 1.1's words for one, and so does this.
     */
    private static boolean bool(JsonNode v) {
        if (v.isTextual()) {
            switch (v.textValue()) {
                case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON":
                    return true;
                case "n", "N", "no", "No", "NO", "off", "Off", "OFF":
                    return false;
                default:
                    break;
            }
        }
        return v.asBoolean(false);
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.path(key);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private InvalidInputException invalid(String at, String problem) {
        return new InvalidInputException(file + ": " + (at.isEmpty() ? "" : at + ": ") + problem,
                "fix the config file, or rewrite it with 'scafctl config' commands");
    }
}
