package dev.scafctl.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What this scafctl acts on in {@code config.yaml}: the catalogs configured after the local one,
 * in chain order, and the settings. The built-in catalogs are not listed: {@code local} is always
 * first, {@code official} always last unless {@code settings.disableOfficialCatalog}; the file may
 * name them (the Go scafctl writes them), but, as there, their entries are never read.
 * Immutable; {@code with...} methods return changed copies.
 */
public record Config(List<CatalogConfig> catalogs, Settings settings) {
    /** The name reserved for the local catalog. */
    public static final String LOCAL = "local";
    /** The name reserved for the official catalog. */
    public static final String OFFICIAL = "official";
    /** The official catalog, as the Go scafctl ships it (its pkg/config/defaults.yaml). */
    public static final CatalogConfig OFFICIAL_CATALOG = new CatalogConfig(OFFICIAL, CatalogConfig.OCI,
            "oci://ghcr.io/oakwood-commons", null, false, null, "github", null);

    public Config {
        catalogs = catalogs == null ? List.of() : List.copyOf(catalogs);
        settings = settings == null ? Settings.EMPTY : settings;
    }

    public static Config empty() {
        return new Config(List.of(), Settings.EMPTY);
    }

    public static boolean isReserved(String name) {
        return LOCAL.equals(name) || OFFICIAL.equals(name);
    }

    /** The command that takes a catalog out of the chain. */
    public static String howToLeaveOut(String name) {
        return OFFICIAL.equals(name) ? "scafctl config set settings.disableOfficialCatalog true"
                : "scafctl config remove-catalog " + name;
    }

    /** The catalogs searched after the local one, in order: the configured ones, then the official one. */
    public List<CatalogConfig> chain() {
        if (settings.disableOfficialCatalog()) return catalogs;
        List<CatalogConfig> chain = new ArrayList<>(catalogs);
        chain.add(OFFICIAL_CATALOG);
        return List.copyOf(chain);
    }

    /** A catalog of the chain by name. */
    public Optional<CatalogConfig> catalog(String name) {
        return chain().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<String> catalogNames() {
        return chain().stream().map(CatalogConfig::name).toList();
    }

    /** The catalog used when none is named: {@code settings.defaultCatalog}, else the official one (if in the chain). */
    public String defaultCatalog() {
        String set = settings.defaultCatalog();
        if (set != null && !set.isBlank()) return set.trim();
        return settings.disableOfficialCatalog() ? null : OFFICIAL;
    }

    public Config withCatalog(CatalogConfig c) {
        List<CatalogConfig> list = new ArrayList<>();
        boolean replaced = false;
        for (CatalogConfig x : catalogs) {
            if (x.name().equals(c.name())) {
                list.add(c);
                replaced = true;
            } else {
                list.add(x);
            }
        }
        if (!replaced) list.add(c);
        return new Config(list, settings);
    }

    public Config withoutCatalog(String name) {
        Settings s = name.equals(settings.defaultCatalog()) ? settings.withDefaultCatalog(null) : settings;
        return new Config(catalogs.stream().filter(c -> !c.name().equals(name)).toList(), s);
    }

    public Config withSettings(Settings s) {
        return new Config(catalogs, s);
    }

    /**
     * {@code settings}, as the Go scafctl defines them: {@code defaultCatalog} is a catalog name or
     * a registry URL; {@code noColor} and {@code quiet} are what {@code --no-color} and
     * {@code --quiet} give when not on the command line, and what plugins are told;
     * {@code disableOfficialCatalog} leaves the official catalog out of the chain.
     */
    public record Settings(String defaultCatalog, boolean noColor, boolean quiet, boolean disableOfficialCatalog) {
        public static final Settings EMPTY = new Settings(null, false, false, false);

        public Settings withDefaultCatalog(String value) {
            return new Settings(value, noColor, quiet, disableOfficialCatalog);
        }

        public Settings withNoColor(boolean value) {
            return new Settings(defaultCatalog, value, quiet, disableOfficialCatalog);
        }

        public Settings withQuiet(boolean value) {
            return new Settings(defaultCatalog, noColor, value, disableOfficialCatalog);
        }

        public Settings withDisableOfficialCatalog(boolean value) {
            return new Settings(defaultCatalog, noColor, quiet, value);
        }
    }
}
