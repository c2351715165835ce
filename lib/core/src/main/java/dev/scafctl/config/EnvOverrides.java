package dev.scafctl.config;

import dev.scafctl.error.InvalidInputException;

import java.util.Map;

/**
 * The environment variables that override settings, named as the Go scafctl's config reader
 * (viper, prefix {@code SCAFCTL}, dots as underscores) names them; an empty one counts as unset,
 * as there.
 */
public final class EnvOverrides {
    public static final String DEFAULT_CATALOG = "SCAFCTL_SETTINGS_DEFAULTCATALOG";
    public static final String NO_COLOR = "SCAFCTL_SETTINGS_NOCOLOR";
    public static final String QUIET = "SCAFCTL_SETTINGS_QUIET";
    public static final String DISABLE_OFFICIAL_CATALOG = "SCAFCTL_SETTINGS_DISABLEOFFICIALCATALOG";

    private EnvOverrides() {
    }

    public static Config apply(Config config, Map<String, String> env) {
        Config.Settings s = config.settings();
        if (set(env, DEFAULT_CATALOG)) s = s.withDefaultCatalog(env.get(DEFAULT_CATALOG));
        if (set(env, NO_COLOR)) s = s.withNoColor(bool(env, NO_COLOR));
        if (set(env, QUIET)) s = s.withQuiet(bool(env, QUIET));
        if (set(env, DISABLE_OFFICIAL_CATALOG)) s = s.withDisableOfficialCatalog(bool(env, DISABLE_OFFICIAL_CATALOG));
        return s.equals(config.settings()) ? config : config.withSettings(s);
    }

    private static boolean set(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    /** As Go's strconv.ParseBool reads it. */
    private static boolean bool(Map<String, String> env, String name) {
        String v = env.get(name).trim();
        return switch (v) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new InvalidInputException("environment variable " + name + "=" + InvalidInputException.shown(v)
                    + " is not true or false", "set it to true or false, or unset it");
        };
    }
}
