package dev.scafctl.resolver;

import dev.scafctl.event.EventListener;

import java.util.List;
import java.util.Map;

/**
 * How to run a solution's resolvers.
 *
 * @param parameters     values for the {@code parameter} provider ({@code -r key=value}, {@code --params-file})
 * @param maxConcurrency most resolvers computed at the same time within one phase
 * @param onlyResolvers  compute only these resolvers and what they depend on; empty for all
 */
public record RunOptions(Map<String, Object> parameters, int maxConcurrency, List<String> onlyResolvers,
                         EventListener listener) {
    public static final int DEFAULT_CONCURRENCY = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);

    public RunOptions {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        onlyResolvers = onlyResolvers == null ? List.of() : List.copyOf(onlyResolvers);
        if (maxConcurrency < 1) {
            throw new dev.scafctl.error.InvalidInputException(
                    "invalid --max-concurrency " + maxConcurrency + ": must be at least 1", "pass a positive number");
        }
        listener = listener == null ? EventListener.NONE : listener;
    }

    public static RunOptions defaults() {
        return new RunOptions(Map.of(), DEFAULT_CONCURRENCY, List.of(), EventListener.NONE);
    }

    public RunOptions withParameters(Map<String, Object> p) {
        return new RunOptions(p, maxConcurrency, onlyResolvers, listener);
    }

    public RunOptions withListener(EventListener l) {
        return new RunOptions(parameters, maxConcurrency, onlyResolvers, l);
    }

    public RunOptions withOnlyResolvers(List<String> names) {
        return new RunOptions(parameters, maxConcurrency, names, listener);
    }

    public RunOptions withMaxConcurrency(int n) {
        return new RunOptions(parameters, n, onlyResolvers, listener);
    }
}
