package dev.scafctl.plugin.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.scafctl.proto.provider.ConfigureProviderRequest;
import dev.scafctl.proto.provider.ExecuteProviderRequest;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the host's requests into what providers see. The payloads are JSON as the Go host writes
 * them (scafctl {@code pkg/plugin/grpc.go}, {@code buildExecuteProviderRequest}): {@code context}
 * is {@code {"resolverContext": {...}}}, {@code parameters} an object, each setting a JSON value.
 */
final class WireRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireRequests() {
    }

    static Request execute(ExecuteProviderRequest r, Configuration configuration) {
        Request.Iteration iteration = null;
        if (r.hasIterationContext()) {
            var it = r.getIterationContext();
            iteration = new Request.Iteration(value(it.getItem(), "iteration item"), it.getIndex(), it.getItemAlias(), it.getIndexAlias());
        }
        Request.Solution solution = null;
        if (r.hasSolutionMetadata()) {
            var s = r.getSolutionMetadata();
            solution = new Request.Solution(s.getName(), s.getVersion(), s.getDisplayName(), s.getDescription(),
                    s.getCategory(), s.getTagsList());
        }
        Object resolverContext = object(r.getContext(), "context").get("resolverContext");
        @SuppressWarnings("unchecked")
        Map<String, Object> values = resolverContext instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return new Request(r.getProviderName(), object(r.getInput(), "inputs"), object(r.getParameters(), "parameters"),
                r.getWorkingDirectory(), r.getDryRun(), values, r.getExecutionMode(), r.getOutputDirectory(),
                r.getConflictStrategy(), r.getBackup(), iteration, solution, configuration);
    }

    static Configuration configure(ConfigureProviderRequest r) {
        Map<String, Object> settings = new LinkedHashMap<>();
        new java.util.TreeMap<>(r.getSettingsMap()).forEach((k, v) -> settings.put(k, value(v, "setting " + k)));
        return new Configuration(r.getQuiet(), r.getNoColor(), r.getBinaryName(), r.getProtocolVersion(),
                Integer.toUnsignedLong(r.getHostServiceId()), settings);
    }

    /** A JSON object; empty bytes are an empty object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(ByteString json, String what) {
        Object v = value(json, what);
        if (v == null) return Map.of();
        if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new IllegalArgumentException("the host sent " + what + " that are not a JSON object");
    }

    private static Object value(ByteString json, String what) {
        if (json.isEmpty()) return null;
        try {
            return JSON.readValue(json.toByteArray(), Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("the host sent " + what + " that are not JSON: " + e.getMessage());
        }
    }
}
