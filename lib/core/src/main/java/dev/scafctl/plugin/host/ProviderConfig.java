package dev.scafctl.plugin.host;

import com.google.protobuf.ByteString;
import dev.scafctl.format.Formats;
import dev.scafctl.proto.provider.ConfigureProviderRequest;
import dev.scafctl.solution.SolutionMetadata;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the host tells each provider once after it loads the plugin (ConfigureProvider), as the Go
 * scafctl does ({@code pkg/plugin/grpc.go}, {@code GRPCClient.ConfigureProvider}): whether the user
 * asked for quiet and colourless output, and settings, each sent as a JSON value.
 *
 * @param settings by name; e.g. {@code metadata}, see {@link #hostMetadata}
 */
public record ProviderConfig(boolean quiet, boolean noColor, Map<String, Object> settings) {
    public static final ProviderConfig DEFAULT = new ProviderConfig(false, false, Map.of());
    /** The command name plugins are told; the Go scafctl sends its own binary's name. */
    static final String BINARY_NAME = "scafctl";

    public ProviderConfig {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public ProviderConfig withSetting(String name, Object value) {
        Map<String, Object> all = new LinkedHashMap<>(settings);
        all.put(name, value);
        return new ProviderConfig(quiet, noColor, all);
    }

    ConfigureProviderRequest toWire(String provider, int protocolVersion) {
        ConfigureProviderRequest.Builder b = ConfigureProviderRequest.newBuilder()
                .setProviderName(provider)
                .setQuiet(quiet)
                .setNoColor(noColor)
                .setBinaryName(BINARY_NAME)
                .setProtocolVersion(protocolVersion);
        settings.forEach((name, value) ->
                b.putSettings(name, ByteString.copyFrom(Formats.toJson(value), StandardCharsets.UTF_8)));
        return b.build();
    }

    /**
     * The {@code metadata} setting as the Go scafctl writes it for a run ({@code pkg/solution/prepare/prepare.go},
     * {@code injectHostMetadataSettings}): the host's build, how it was invoked, and the solution's metadata.
     * Every key is present, empty when unknown, as Go's struct without {@code omitempty} writes it.
     *
     * @param buildVersion the host's version; null for a development build
     * @param commandLine  the command line, program name first (Go's {@code os.Args})
     * @param solution     the running solution; null outside a solution
     */
    public static Map<String, Object> hostMetadata(String buildVersion, List<String> commandLine, SolutionMetadata solution) {
        Map<String, Object> sol = new LinkedHashMap<>();
        boolean named = solution != null && solution.name() != null && !solution.name().isEmpty();
        sol.put("name", named ? solution.name() : "");
        sol.put("version", named && solution.version() != null ? solution.version() : "");
        sol.put("displayName", named && solution.displayName() != null ? solution.displayName() : "");
        sol.put("description", named && solution.description() != null ? solution.description() : "");
        sol.put("category", named && solution.category() != null ? solution.category() : "");
        sol.put("tags", named && !solution.tags().isEmpty() ? solution.tags() : null);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("buildVersion", buildVersion == null ? "" : buildVersion);
        meta.put("commit", "");
        meta.put("buildTime", "");
        // Go: "cli" whenever the binary name is known, which it always is here
        meta.put("entrypoint", "cli");
        meta.put("command", String.join(" ", commandLine));
        meta.put("args", commandLine);
        meta.put("solution", sol);
        return meta;
    }
}
