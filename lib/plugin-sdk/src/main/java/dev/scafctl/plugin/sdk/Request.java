package dev.scafctl.plugin.sdk;

import java.util.Map;

/**
 * One call of a provider.
 *
 * @param inputs           the inputs, every value reference already evaluated by the host
 * @param parameters       the run's parameters
 * @param workingDirectory where relative paths are resolved (the solution's directory)
 * @param dryRun           true when the provider must not change anything
 */
public record Request(String provider, Map<String, Object> inputs, Map<String, Object> parameters,
                      String workingDirectory, boolean dryRun) {
    public Request {
        inputs = inputs == null ? Map.of() : inputs;
        parameters = parameters == null ? Map.of() : parameters;
    }

    /** An input as a string; null when absent. */
    public String string(String name) {
        Object v = inputs.get(name);
        return v == null ? null : String.valueOf(v);
    }
}
