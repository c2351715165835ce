package dev.scafctl.plugin.sdk;

import java.util.List;
import java.util.Map;

/**
 * One call of a provider, with everything the host sent about the run (the fields of
 * ExecuteProviderRequest, as scafctl-plugin-sdk's context accessors expose them to Go providers).
 *
 * @param inputs           the inputs, every value reference already evaluated by the host
 * @param parameters       the run's parameters
 * @param workingDirectory where relative paths are resolved (the solution's directory)
 * @param dryRun           true when the provider must not change anything
 * @param resolverContext  the values resolved so far ({@code _} in expressions); empty outside a solution
 * @param executionMode    the capability the provider is used as ({@code from} for a resolver); empty when the host did not say
 * @param outputDirectory  where an action writes its files; empty when the host did not say
 * @param conflictStrategy what an action does with a file that exists; empty when the host did not say
 * @param backup           true when an action must keep a copy of what it overwrites
 * @param iteration        the current item when the provider runs once per item; null otherwise
 * @param solution         the running solution; null for a single provider call
 * @param configuration    what the host sent when it configured this provider
 */
public record Request(String provider, Map<String, Object> inputs, Map<String, Object> parameters,
                      String workingDirectory, boolean dryRun, Map<String, Object> resolverContext,
                      String executionMode, String outputDirectory, String conflictStrategy, boolean backup,
                      Iteration iteration, Solution solution, Configuration configuration) {
    public Request {
        inputs = inputs == null ? Map.of() : inputs;
        parameters = parameters == null ? Map.of() : parameters;
        resolverContext = resolverContext == null ? Map.of() : resolverContext;
        executionMode = executionMode == null ? "" : executionMode;
        outputDirectory = outputDirectory == null ? "" : outputDirectory;
        conflictStrategy = conflictStrategy == null ? "" : conflictStrategy;
        configuration = configuration == null ? Configuration.NONE : configuration;
    }

    /** A call that carries only inputs, parameters and where it runs. */
    public Request(String provider, Map<String, Object> inputs, Map<String, Object> parameters,
                   String workingDirectory, boolean dryRun) {
        this(provider, inputs, parameters, workingDirectory, dryRun, null, null, null, null, false, null, null, null);
    }

    /** An input as a string; null when absent. */
    public String string(String name) {
        Object v = inputs.get(name);
        return v == null ? null : String.valueOf(v);
    }

    /** The item of a forEach, its index, and the names the solution gave them. */
    public record Iteration(Object item, int index, String itemAlias, String indexAlias) {
    }

    /** The metadata of the running solution. */
    public record Solution(String name, String version, String displayName, String description, String category,
                           List<String> tags) {
        public Solution {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }
}
