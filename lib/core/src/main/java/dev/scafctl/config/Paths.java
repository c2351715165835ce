package dev.scafctl.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where scafctl keeps its config, data (the local catalog) and cache (plugin binaries).
 * {@code XDG_CONFIG_HOME}, {@code XDG_DATA_HOME} and {@code XDG_CACHE_HOME} win on every OS, so
 * tests and scripts isolate a run with them; otherwise the platform's convention applies.
 */
public record Paths(Path configDir, Path dataDir, Path cacheDir) {

    public static Paths fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    public static Paths fromEnvironment(Map<String, String> env, String osName, String userHome) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome == null ? "." : userHome);
        Path config;
        Path data;
        Path cache;
        if (os.startsWith("windows")) {
            Path roaming = dir(env, "APPDATA", home.resolve("AppData").resolve("Roaming"));
            Path local = dir(env, "LOCALAPPDATA", home.resolve("AppData").resolve("Local"));
            config = roaming;
            data = local;
            cache = local;
        } else if (os.startsWith("mac")) {
            Path support = home.resolve("Library").resolve("Application Support");
            config = support;
            data = support;
            cache = home.resolve("Library").resolve("Caches");
        } else {
            config = home.resolve(".config");
            data = home.resolve(".local").resolve("share");
            cache = home.resolve(".cache");
        }
        config = dir(env, "XDG_CONFIG_HOME", config);
        data = dir(env, "XDG_DATA_HOME", data);
        cache = dir(env, "XDG_CACHE_HOME", cache);
        return new Paths(config.resolve("scafctl"), data.resolve("scafctl"), cache.resolve("scafctl"));
    }

    private static Path dir(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        // the XDG spec says relative values are invalid and must be ignored
        return v != null && !v.isBlank() && Path.of(v).isAbsolute() ? Path.of(v) : fallback;
    }

    public Path configFile() {
        return configDir.resolve("config.yaml");
    }

    /** The local catalog, an OCI image layout. */
    public Path catalogDir() {
        return dataDir.resolve("catalog");
    }

    /** The plugin binary cache. */
    public Path pluginCacheDir() {
        return cacheDir.resolve("plugins");
    }
}
