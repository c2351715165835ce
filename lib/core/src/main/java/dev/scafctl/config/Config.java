package dev.scafctl.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The contents of {@code config.yaml}: the remote catalogs in chain order, and settings.
 * Immutable; {@code with...} methods return changed copies.
 */
public record Config(List<CatalogConfig> catalogs, Settings settings) {
    /** The name reserved for the local catalog. */
    public static final String LOCAL = "local";

    public Config {
        catalogs = catalogs == null ? List.of() : List.copyOf(catalogs);
        settings = settings == null ? Settings.EMPTY : settings;
    }

    public static Config empty() {
        return new Config(List.of(), Settings.EMPTY);
    }

    public Optional<CatalogConfig> catalog(String name) {
        return catalogs.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<String> catalogNames() {
        return catalogs.stream().map(CatalogConfig::name).toList();
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
     * {@code settings}: {@code defaultCatalog} is a catalog name or a registry URL; {@code noColor}
     * and {@code quiet} are what {@code --no-color} and {@code --quiet} give when not on the command
     * line (the Go scafctl's settings of the same names), and what plugins are told.
     */
    public record Settings(String defaultCatalog, boolean noColor, boolean quiet) {
        public static final Settings EMPTY = new Settings(null, false, false);

        public Settings withDefaultCatalog(String value) {
            return new Settings(value, noColor, quiet);
        }

        public Settings withNoColor(boolean value) {
            return new Settings(defaultCatalog, value, quiet);
        }

        public Settings withQuiet(boolean value) {
            return new Settings(defaultCatalog, noColor, value);
        }
    }
}
