package dev.scafctl.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scafctl.error.InvalidInputException;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.event.Event;
import dev.scafctl.event.EventListener;
import dev.scafctl.format.Formats;
import dev.scafctl.format.YamlEditor;
import dev.scafctl.io.AtomicFiles;
import dev.scafctl.io.BoundedFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads and changes {@code config.yaml}. A missing file is an empty config. A change edits only
 * the lines it is about ({@link YamlEditor}): what this scafctl does not act on, comments
 * included, is written back byte for byte; a change that leaves the text as it was writes nothing.
 */
public final class ConfigStore {
    private static final List<String> CATALOGS = List.of("catalogs");
    /** Short names for settings, matched without regard to case. */
    private static final Map<String, String> ALIASES = Map.of(
            "catalog", "settings.defaultCatalog", "defaultcatalog", "settings.defaultCatalog",
            "nocolor", "settings.noColor", "quiet", "settings.quiet");

    private final Path file;
    private final EventListener listener;

    public ConfigStore(Path file) {
        this(file, EventListener.NONE);
    }

    /** @param listener told, on every load, of the keys the file holds that this scafctl does not act on */
    public ConfigStore(Path file, EventListener listener) {
        this.file = file;
        this.listener = listener == null ? EventListener.NONE : listener;
    }

    public Path file() {
        return file;
    }

    /** The file as read and checked; a missing file reads as an empty one. */
    public ConfigDocument read() {
        try {
            String text = BoundedFiles.readText(file, Formats.MAX_DOCUMENT_CHARS, "config",
                    "config.yaml holds catalogs and settings: restore a good copy, or delete it and start again with 'scafctl config init'");
            return new ConfigReader(file).read(text, true);
        } catch (NoSuchFileException e) {
            return new ConfigReader(file).read("", false);
        } catch (IOException e) {
            throw new ScafctlException("cannot read config " + file + ": " + e.getMessage(), "check its permissions");
        }
    }

    /** The file as read, for {@code config validate}: here a missing file is an error. */
    public ConfigDocument validate() {
        if (!Files.exists(file)) {
            throw new InvalidInputException("config file not found: " + file, "create one with: scafctl config init");
        }
        return read();
    }

    public Config load() {
        ConfigDocument doc = read();
        if (!doc.kept().isEmpty() || !doc.unknown().isEmpty()) {
            listener.onEvent(new Event.ConfigKeys(file.toString(), doc.kept(), doc.unknown()));
        }
        return doc.config();
    }

    /** Checks one catalog entry before it is added; {@code at} names it in messages. */
    public void check(CatalogConfig c, String at) {
        new ConfigReader(file).check(c, at);
    }

    /** Writes the catalogs and settings of {@code next} that differ from the file's, and nothing else. */
    public void save(Config next) {
        ConfigDocument doc = read();
        Config current = doc.config();
        edit(doc, editor -> {
            // replaced in place first, removed from the last: the file's indexes stay right for each step
            for (CatalogConfig c : next.catalogs()) {
                CatalogConfig was = find(current, c.name());
                if (was != null && !was.equals(c)) editor.replaceItem(CATALOGS, doc.catalogIndex(c.name()), entry(c));
            }
            current.catalogs().stream().filter(c -> find(next, c.name()) == null)
                    .map(c -> doc.catalogIndex(c.name())).sorted(Comparator.reverseOrder())
                    .forEach(i -> editor.removeItem(CATALOGS, i));
            for (CatalogConfig c : next.catalogs()) if (find(current, c.name()) == null) editor.append(CATALOGS, entry(c));
            Config.Settings was = current.settings();
            Config.Settings now = next.settings();
            if (!Objects.equals(blankToNull(was.defaultCatalog()), blankToNull(now.defaultCatalog()))) {
                if (blankToNull(now.defaultCatalog()) == null) editor.remove(List.of("settings", "defaultCatalog"));
                else editor.set(List.of("settings", "defaultCatalog"), now.defaultCatalog());
            }
            if (was.noColor() != now.noColor()) editor.set(List.of("settings", "noColor"), now.noColor());
            if (was.quiet() != now.quiet()) editor.set(List.of("settings", "quiet"), now.quiet());
            if (was.disableOfficialCatalog() != now.disableOfficialCatalog()) {
                editor.set(List.of("settings", "disableOfficialCatalog"), now.disableOfficialCatalog());
            }
        });
    }

    // ---- config get / set / unset

    /** What {@code config set} wrote. */
    public record Written(String key, Object value) {
    }

    /**
     * The value of a dotted key: settings at the values in effect ({@code effective}), catalogs as
     * {@code catalogs} lists them (by name below {@code catalogs}), any other key as the file has it.
     */
    public Object get(String key, Config effective, List<CatalogConfig> catalogs) {
        Key k = Key.of(key);
        switch (k.kind) {
            case DEFAULT_CATALOG:
                return notNull(k, effective.defaultCatalog());
            case SETTING:
                return settingValue(effective.settings(), k.path.get(1));
            case CATALOGS:
                return catalogValue(k, catalogs);
            default:
                break;
        }
        ConfigDocument doc = read();
        if (k.path.equals(List.of("settings"))) return view(doc, effective).get("settings");
        JsonNode v = doc.at(k.path);
        if (v.isMissingNode()) {
            if (k.kind == Kind.UNKNOWN) throw unknownKey(key);
            throw notSet(k);
        }
        return Formats.toJava(v);
    }

    /** Sets a setting, or a key this scafctl keeps for the Go scafctl; catalogs have commands of their own. */
    public Written set(String key, String value) {
        Key k = Key.of(key);
        Object typed = switch (k.kind) {
            case DEFAULT_CATALOG -> value == null || value.isBlank() ? null : value;
            case SETTING -> {
                Boolean b = value == null ? null : switch (value.toLowerCase(java.util.Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> null;
                };
                if (b == null) {
                    throw new InvalidInputException(k.dotted() + ": " + InvalidInputException.shown(value) + " is not true or false",
                            "scafctl config set " + k.dotted() + " true");
                }
                yield b;
            }
            case KEPT -> {
                if (k.path.size() == 1 && !k.path.get(0).equals("version")) {
                    throw new InvalidInputException(k.dotted() + " is a section, not a value",
                            "set one of its keys: scafctl config set " + k.dotted() + ".KEY VALUE");
                }
                yield keptValue(value);
            }
            case CATALOGS -> throw new InvalidInputException("catalogs are not changed with config set",
                    "add one with: scafctl catalog remote add NAME --url oci://HOST/PATH (or scafctl config add-catalog)");
            case UNKNOWN -> throw new InvalidInputException("config key '" + key + "' cannot be set",
                    "settable keys: settings.defaultCatalog (alias: catalog), settings.noColor (noColor), settings.quiet (quiet), "
                            + "settings.disableOfficialCatalog, and the Go scafctl's keys such as logging.level; "
                            + "manage catalogs with 'scafctl catalog remote add'");
        };
        ConfigDocument doc = read();
        if (typed == null) {
            edit(doc, editor -> editor.remove(k.path));
        } else {
            edit(doc, editor -> editor.set(k.path, typed));
        }
        return new Written(k.dotted(), typed);
    }

    /** Removes a key from the file, so that its default applies; an error when it is not set. */
    public String unset(String key) {
        Key k = Key.of(key);
        if (k.kind == Kind.CATALOGS) {
            throw new InvalidInputException("catalogs are not changed with config unset",
                    "remove one with: scafctl catalog remote remove NAME");
        }
        ConfigDocument doc = read();
        if (doc.at(k.path).isMissingNode()) {
            if (k.kind == Kind.UNKNOWN) throw unknownKey(key);
            throw notSet(k);
        }
        edit(doc, editor -> editor.remove(k.path));
        return k.dotted();
    }

    /** Writes the starter config; an existing file is kept unless {@code force}. */
    public Path init(boolean force) {
        if (Files.exists(file) && !force) {
            throw new InvalidInputException("config file already exists: " + file,
                    "keep it, overwrite it with --force, or write elsewhere with --output FILE");
        }
        write(starter());
        return file;
    }

    /** The text {@code config init} writes. */
    public static String starter() {
        try (InputStream in = ConfigStore.class.getResourceAsStream("starter-config.yaml")) {
            return new String(Objects.requireNonNull(in, "starter-config.yaml").readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("the starter config is missing from the build", e);
        }
    }

    // ---- views

    /**
     * The config in effect for {@code config view}: the file's keys in its order, catalogs and
     * settings as read (the settings with their environment overrides), every other key as written.
     */
    public static Map<String, Object> view(ConfigDocument doc, Config effective) {
        Map<String, Object> root = new LinkedHashMap<>();
        Object tree = doc.tree().isObject() ? Formats.toJava(doc.tree()) : Map.of();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) tree).entrySet()) root.put(String.valueOf(e.getKey()), e.getValue());
        root.keySet().removeIf(k -> k.equalsIgnoreCase("catalogs") || k.equalsIgnoreCase("settings"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("catalogs", doc.config().catalogs().stream().map(ConfigStore::entry).toList());
        Map<String, Object> settings = new LinkedHashMap<>();
        Config.Settings s = effective.settings();
        // a setting that is not set is left out, as in the file, rather than shown as null or false
        if (blankToNull(s.defaultCatalog()) != null) settings.put("defaultCatalog", s.defaultCatalog());
        if (s.noColor()) settings.put("noColor", true);
        if (s.quiet()) settings.put("quiet", true);
        if (s.disableOfficialCatalog()) settings.put("disableOfficialCatalog", true);
        JsonNode fileSettings = ConfigDocument.field(doc.tree(), "settings");
        if (fileSettings.isObject()) {
            fileSettings.fieldNames().forEachRemaining(name -> {
                if (ConfigSchema.known(ConfigSchema.SETTINGS, name) == null
                        || ConfigSchema.SETTINGS.get(ConfigSchema.known(ConfigSchema.SETTINGS, name)) == ConfigSchema.Use.KEPT) {
                    settings.put(name, Formats.toJava(fileSettings.get(name)));
                }
            });
        }
        out.put("settings", settings);
        out.putAll(root);
        return out;
    }

    /** A catalog as the file holds it: only the keys that are set. */
    public static Map<String, Object> entry(CatalogConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("type", c.type());
        if (c.url() != null) m.put("url", c.url());
        if (c.path() != null) m.put("path", c.path());
        if (c.insecure()) m.put("insecure", true);
        if (c.caFile() != null) m.put("caFile", c.caFile());
        if (c.authProvider() != null) m.put("authProvider", c.authProvider());
        if (c.authScope() != null) m.put("authScope", c.authScope());
        return m;
    }

    // ---- keys

    private enum Kind { DEFAULT_CATALOG, SETTING, CATALOGS, KEPT, UNKNOWN }

    /** A dotted key: its path spelt as the schema spells known keys, and what it is. */
    private record Key(List<String> path, Kind kind) {
        static Key of(String key) {
            String k = ALIASES.getOrDefault(key.toLowerCase(java.util.Locale.ROOT), key);
            List<String> parts = new java.util.ArrayList<>(List.of(k.split("\\.", -1)));
            if (parts.stream().anyMatch(String::isEmpty)) return new Key(parts, Kind.UNKNOWN);
            String top = ConfigSchema.known(ConfigSchema.TOP, parts.get(0));
            if (top == null) return new Key(parts, Kind.UNKNOWN);
            parts.set(0, top);
            if (top.equals("catalogs")) return new Key(parts, Kind.CATALOGS);
            if (!top.equals("settings")) return new Key(parts, Kind.KEPT);
            if (parts.size() == 1) return new Key(parts, Kind.KEPT);
            String setting = ConfigSchema.known(ConfigSchema.SETTINGS, parts.get(1));
            if (setting == null) return new Key(parts, Kind.UNKNOWN);
            parts.set(1, setting);
            if (ConfigSchema.SETTINGS.get(setting) == ConfigSchema.Use.KEPT || parts.size() > 2) return new Key(parts, Kind.KEPT);
            return new Key(parts, setting.equals("defaultCatalog") ? Kind.DEFAULT_CATALOG : Kind.SETTING);
        }

        String dotted() {
            return String.join(".", path);
        }
    }

    private static Object settingValue(Config.Settings s, String name) {
        return switch (name) {
            case "noColor" -> s.noColor();
            case "quiet" -> s.quiet();
            default -> s.disableOfficialCatalog();
        };
    }

    private static Object catalogValue(Key k, List<CatalogConfig> catalogs) {
        if (k.path.size() == 1) return catalogs.stream().map(ConfigStore::entry).toList();
        CatalogConfig c = catalogs.stream().filter(x -> x.name().equals(k.path.get(1))).findFirst().orElseThrow(() ->
                new InvalidInputException("unknown catalog '" + k.path.get(1) + "'; catalogs: "
                        + String.join(", ", catalogs.stream().map(CatalogConfig::name).toList()), "use one of them"));
        Map<String, Object> e = entry(c);
        if (k.path.size() == 2) return e;
        if (k.path.size() == 3 && e.containsKey(k.path.get(2))) return e.get(k.path.get(2));
        if (k.path.size() == 3 && ConfigSchema.known(ConfigSchema.CATALOG, k.path.get(2)) != null) throw notSet(k);
        throw unknownKey(k.dotted());
    }

    /** As the Go scafctl's config set reads a value: true or false, an integer, else a string. */
    private static Object keptValue(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) return Boolean.parseBoolean(value);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static Object notNull(Key k, Object v) {
        if (v == null) throw notSet(k);
        return v;
    }

    private static InvalidInputException unknownKey(String key) {
        return new InvalidInputException("unknown config key '" + key + "'",
                "use settings.defaultCatalog (or catalog), settings.noColor, settings.quiet, settings.disableOfficialCatalog, "
                        + "catalogs, catalogs.NAME[.FIELD], or a key of the Go scafctl's config such as logging.level");
    }

    private static InvalidInputException notSet(Key k) {
        return new InvalidInputException("config key '" + k.dotted() + "' is not set", "set it with: scafctl config set " + k.dotted() + " VALUE");
    }

    private static CatalogConfig find(Config config, String name) {
        return config.catalogs().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // ---- writing

    /** Applies {@code change} to the file's text and writes the result, after checking it reads back. */
    private void edit(ConfigDocument doc, Consumer<YamlEditor> change) {
        YamlEditor editor = new YamlEditor(doc.text());
        try {
            change.accept(editor);
        } catch (IllegalStateException e) {
            throw new InvalidInputException(file + ": cannot change it: " + e.getMessage(), "edit the file by hand");
        }
        if (editor.text().equals(doc.text())) return;
        new ConfigReader(file).read(editor.text(), true);
        write(editor.text());
    }

    private void write(String text) {
        try {
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), AtomicFiles.OWNER_ONLY);
        } catch (IOException e) {
            throw new ScafctlException("cannot write config " + file + ": " + e.getMessage(),
                    "check that its directory is writable");
        }
    }
}
