package dev.scafctl.plugin.host;

import dev.scafctl.catalog.ArtifactKind;

import java.time.Duration;
import java.util.Map;

/**
 * How plugins are launched.
 *
 * @param startTimeout how long a plugin may take to print its handshake and answer the health check
 * @param stopGrace    how long a plugin may take to exit after Shutdown before it is killed
 * @param extraEnv     added to the plugin's environment (the host's own environment is inherited)
 */
public record HostOptions(Duration startTimeout, Duration stopGrace, Map<String, String> extraEnv) {
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(2);
    /** Overrides the start timeout, in seconds, for slow machines. */
    public static final String START_TIMEOUT_ENV = "SCAFCTL_PLUGIN_START_TIMEOUT";

    public HostOptions {
        startTimeout = startTimeout == null ? DEFAULT_START_TIMEOUT : startTimeout;
        stopGrace = stopGrace == null ? DEFAULT_STOP_GRACE : stopGrace;
        extraEnv = extraEnv == null ? Map.of() : Map.copyOf(extraEnv);
    }

    public static HostOptions defaults() {
        String fromEnv = System.getenv(START_TIMEOUT_ENV);
        Duration start = DEFAULT_START_TIMEOUT;
        if (fromEnv != null && !fromEnv.isBlank()) {
            try {
                start = Duration.ofMillis((long) (Double.parseDouble(fromEnv.strip()) * 1000));
            } catch (NumberFormatException ignored) {
                // an unreadable override keeps the default rather than failing every plugin
            }
        }
        return new HostOptions(start, DEFAULT_STOP_GRACE, Map.of());
    }

    public HostOptions withStartTimeout(Duration timeout) {
        return new HostOptions(timeout, stopGrace, extraEnv);
    }

    public HostOptions withExtraEnv(Map<String, String> env) {
        return new HostOptions(startTimeout, stopGrace, env);
    }

    /** The go-plugin magic cookie of a plugin kind: the binary refuses to run without it. */
    static Map.Entry<String, String> cookie(ArtifactKind kind) {
        return switch (kind) {
            case PROVIDER -> Map.entry("SCAFCTL_PLUGIN", "scafctl_provider_plugin");
            case AUTH_HANDLER -> Map.entry("SCAFCTL_AUTH_PLUGIN", "scafctl_auth_handler_plugin");
            case SOLUTION -> throw new IllegalArgumentException("a solution is not a plugin");
        };
    }
}
