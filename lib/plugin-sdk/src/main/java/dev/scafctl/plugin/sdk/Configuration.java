package dev.scafctl.plugin.sdk;

import java.util.Map;

/**
 * What the host sends once per provider after it loads the plugin (ConfigureProvider).
 *
 * @param quiet           the user asked for no output beyond the result
 * @param noColor         the user asked for output without colour
 * @param binaryName      the host's command name, e.g. {@code scafctl}
 * @param protocolVersion the scafctl plugin protocol the host speaks
 * @param hostServiceId   the broker id of the host's callback service; 0 when there is none
 * @param settings        further settings, each a JSON value (e.g. {@code metadata}: the host's version and the solution)
 */
public record Configuration(boolean quiet, boolean noColor, String binaryName, int protocolVersion, long hostServiceId,
                            Map<String, Object> settings) {
    /** Before the host has configured the provider, or when it never does. */
    public static final Configuration NONE = new Configuration(false, false, "", 0, 0, Map.of());

    public Configuration {
        binaryName = binaryName == null ? "" : binaryName;
        settings = settings == null ? Map.of() : settings;
    }
}
