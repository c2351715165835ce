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
 * @param callTimeout  how long one provider call may run before the plugin is presumed hung and killed
 * @param providerConfig what each provider is told once after its plugin is loaded
 */
public record HostOptions(Duration startTimeout, Duration stopGrace, Map<String, String> extraEnv, Duration callTimeout,
                          ProviderConfig providerConfig) {
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(2);
    /** Generous: providers run builds and deployments; the limit exists so a hung plugin cannot hang a CI job forever. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(30);
    /** Overrides the start timeout, in seconds, for slow machines. */
    public static final String START_TIMEOUT_ENV = "SCAFCTL_PLUGIN_START_TIMEOUT";
    /** Overrides the call timeout, in seconds. */
    public static final String CALL_TIMEOUT_ENV = "SCAFCTL_PLUGIN_CALL_TIMEOUT";

    public HostOptions {
        startTimeout = startTimeout == null ? DEFAULT_START_TIMEOUT : startTimeout;
        stopGrace = stopGrace == null ? DEFAULT_STOP_GRACE : stopGrace;
        extraEnv = extraEnv == null ? Map.of() : Map.copyOf(extraEnv);
        callTimeout = callTimeout == null ? DEFAULT_CALL_TIMEOUT : callTimeout;
        providerConfig = providerConfig == null ? ProviderConfig.DEFAULT : providerConfig;
    }

    public HostOptions(Duration startTimeout, Duration stopGrace, Map<String, String> extraEnv) {
        this(startTimeout, stopGrace, extraEnv, null, null);
    }

    public static HostOptions defaults() {
        return new HostOptions(seconds(START_TIMEOUT_ENV, DEFAULT_START_TIMEOUT), DEFAULT_STOP_GRACE, Map.of(),
                seconds(CALL_TIMEOUT_ENV, DEFAULT_CALL_TIMEOUT), ProviderConfig.DEFAULT);
    }

    private static Duration seconds(String env, Duration fallback) {
        String fromEnv = System.getenv(env);
        if (fromEnv == null || fromEnv.isBlank()) return fallback;
        try {
            long millis = (long) (Double.parseDouble(fromEnv.strip()) * 1000);
            return millis > 0 ? Duration.ofMillis(millis) : fallback;
        } catch (NumberFormatException ignored) {
            // an unreadable override keeps the default rather than failing every plugin
            return fallback;
        }
    }

    public HostOptions withStartTimeout(Duration timeout) {
        return new HostOptions(timeout, stopGrace, extraEnv, callTimeout, providerConfig);
    }

    public HostOptions withExtraEnv(Map<String, String> env) {
        return new HostOptions(startTimeout, stopGrace, env, callTimeout, providerConfig);
    }

    public HostOptions withCallTimeout(Duration timeout) {
        return new HostOptions(startTimeout, stopGrace, extraEnv, timeout, providerConfig);
    }

    public HostOptions withProviderConfig(ProviderConfig config) {
        return new HostOptions(startTimeout, stopGrace, extraEnv, callTimeout, config);
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
