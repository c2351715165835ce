package dev.scafctl.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where scafctl keeps its config, data (the local catalog) and cache (plugin binaries): the
 * places the Go scafctl uses, so both tools share one config and one catalog.
 * {@code XDG_CONFIG_HOME}, {@code XDG_DATA_HOME} and {@code XDG_CACHE_HOME} win on every OS;
 * otherwise {@code ~/.config}, {@code ~/.local/share} and {@code ~/.cache} on Linux and macOS
 * (a command-line tool's places, not a GUI application's {@code ~/Library}), and
 * {@code %LOCALAPPDATA%\scafctl} (cache: {@code %LOCALAPPDATA%\cache\scafctl}) on Windows.
 *
 * <p>Earlier releases kept the config and the local catalog in {@code ~/Library/Application
 * Support} on macOS and the config in {@code %APPDATA%} on Windows. Where only that earlier place
 * holds them, it is used, and {@link #moves} says what to move where.
 *
 * @param moves one line per earlier place still in use, saying how to move it (empty when none)
 */
public record Paths(Path configDir, Path dataDir, Path cacheDir, List<String> moves) {
    private static final String APP = "scafctl";

    public Paths {
        moves = List.copyOf(moves);
    }

    public Paths(Path configDir, Path dataDir, Path cacheDir) {
        this(configDir, dataDir, cacheDir, List.of());
    }

    public static Paths fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    public static Paths fromEnvironment(Map<String, String> env, String osName, String userHome) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome == null ? "." : userHome);
        Path config;
        Path data;
        Path cache;
        Path earlierConfig = null;
        Path earlierData = null;
        if (os.startsWith("windows")) {
            Path local = dir(env, "LOCALAPPDATA", home.resolve("AppData").resolve("Local"));
            config = local;
            data = local;
            cache = local.resolve("cache");
            earlierConfig = dir(env, "APPDATA", home.resolve("AppData").resolve("Roaming")).resolve(APP);
        } else {
            config = home.resolve(".config");
            data = home.resolve(".local").resolve("share");
            cache = home.resolve(".cache");
            if (os.startsWith("mac")) {
                earlierConfig = home.resolve("Library").resolve("Application Support").resolve(APP);
                earlierData = earlierConfig;
            }
        }
        boolean configSet = set(env, "XDG_CONFIG_HOME");
        boolean dataSet = set(env, "XDG_DATA_HOME");
        Path configDir = dir(env, "XDG_CONFIG_HOME", config).resolve(APP);
        Path dataDir = dir(env, "XDG_DATA_HOME", data).resolve(APP);
        Path cacheDir = dir(env, "XDG_CACHE_HOME", cache).resolve(APP);
        List<String> moves = new ArrayList<>();
        if (!configSet && earlierConfig != null && onlyThere(earlierConfig.resolve("config.yaml"), configDir.resolve("config.yaml"))) {
            moves.add(move(earlierConfig.resolve("config.yaml"), configDir.resolve("config.yaml")));
            configDir = earlierConfig;
        }
        if (!dataSet && earlierData != null && onlyThere(earlierData.resolve("catalog"), dataDir.resolve("catalog"))) {
            moves.add(move(earlierData.resolve("catalog"), dataDir.resolve("catalog")));
            dataDir = earlierData;
        }
        return new Paths(configDir, dataDir, cacheDir, moves);
    }

    private static boolean onlyThere(Path earlier, Path now) {
        return Files.exists(earlier) && !Files.exists(now);
    }

    private static String move(Path from, Path to) {
        return "using " + from + ", where earlier releases kept it; the Go scafctl and this release use " + to
                + ": move it there with: mkdir -p '" + to.getParent() + "' && mv '" + from + "' '" + to + "'";
    }

    private static boolean set(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank() && Path.of(v).isAbsolute();
    }

    private static Path dir(Map<String, String> env, String name, Path fallback) {
        // the XDG spec says relative values are invalid and must be ignored
        return set(env, name) ? Path.of(env.get(name)) : fallback;
    }

    /**
     * The {@link #moves} not said yet on this machine: each is said once, then remembered in the
     * cache directory (a marker per earlier place), so the next commands stay quiet.
     */
    public List<String> movesToSay() {
        List<String> out = new ArrayList<>();
        for (String m : moves) {
            Path marker = cacheDir.resolve("notes").resolve("moved-" + Integer.toHexString(m.hashCode()));
            if (Files.exists(marker)) continue;
            out.add(m);
            try {
                Files.createDirectories(marker.getParent());
                Files.writeString(marker, m + "\n");
            } catch (IOException e) {
                // not remembered: said again next time, which is harmless
            }
        }
        return out;
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

    /** Registry credentials saved by {@code catalog login}. */
    public Path credentialsFile() {
        return configDir.resolve("credentials.json");
    }

    /** One path scafctl uses, and the XDG variable that moves it. */
    public record PathInfo(String name, Path path, String description, String xdgVariable) {
    }

    /** Every path scafctl uses, in the shape of the Go scafctl's {@code config paths}. */
    public List<PathInfo> describe() {
        return List.of(
                new PathInfo("Config", configFile(), "Configuration file", "XDG_CONFIG_HOME"),
                new PathInfo("Credentials", credentialsFile(), "Registry credentials (catalog login)", "XDG_CONFIG_HOME"),
                new PathInfo("Data", dataDir, "User data directory", "XDG_DATA_HOME"),
                new PathInfo("Catalog", catalogDir(), "Local catalog (an OCI image layout)", "XDG_DATA_HOME"),
                new PathInfo("Cache", cacheDir, "Cache directory", "XDG_CACHE_HOME"),
                new PathInfo("Plugins", pluginCacheDir(), "Plugin binary cache", "XDG_CACHE_HOME"));
    }
}
