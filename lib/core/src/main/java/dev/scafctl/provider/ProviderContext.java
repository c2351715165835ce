package dev.scafctl.provider;

import dev.scafctl.event.EventListener;
import dev.scafctl.solution.SolutionMetadata;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a provider may know about the run it is part of.
 *
 * @param parameters       the run's parameters ({@code -r key=value}, {@code --params-file})
 * @param solution         metadata of the running solution; null for a single provider call
 * @param workingDirectory directory relative paths are resolved against (the solution's directory)
 * @param resolver         the resolver being computed, for messages; null outside a solution
 * @param values           values of the resolvers computed in earlier phases (CEL's {@code _})
 * @param listener         where streamed output and warnings go
 */
public record ProviderContext(
        Map<String, Object> parameters,
        SolutionMetadata solution,
        Path workingDirectory,
        String resolver,
        Map<String, Object> values,
        EventListener listener) {

    public ProviderContext {
        parameters = parameters == null ? Map.of() : parameters;
        workingDirectory = workingDirectory == null ? Path.of("").toAbsolutePath() : workingDirectory;
        values = values == null ? Map.of() : values;
        listener = listener == null ? EventListener.NONE : listener;
    }

    /** A context for calling one provider outside a solution. */
    public static ProviderContext standalone(Map<String, Object> parameters, EventListener listener) {
        return new ProviderContext(parameters, null, null, null, Map.of(), listener);
    }

    public ProviderContext forResolver(String name, Map<String, Object> resolvedValues) {
        return new ProviderContext(parameters, solution, workingDirectory, name, resolvedValues, listener);
    }

    /** "resolver NAME" or "provider call", for messages. */
    public String where() {
        return resolver == null ? "provider call" : "resolver " + resolver;
    }
}
