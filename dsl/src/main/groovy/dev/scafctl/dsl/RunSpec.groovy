package dev.scafctl.dsl

import dev.scafctl.error.InvalidInputException
import dev.scafctl.resolver.RunOptions
import groovy.transform.CompileStatic

/** {@code run(solution) { ... }}: parameters and options of one run. */
@CompileStatic
class RunSpec {
    private final Map<String, Object> parameters = [:]
    private final List<String> resolvers = []
    private int maxConcurrency = RunOptions.DEFAULT_CONCURRENCY

    void param(String key, Object value) {
        if (value == null) {
            throw new InvalidInputException("parameter '${key}' is given no value (null)",
                    "give it a value; for a script argument, argument(INDEX, 'what it is') says which one is missing")
        }
        parameters.put(key, value)
    }

    void params(Map<String, ?> values) {
        values.each { String k, Object v -> param(k, v) }
    }

    /** Compute only this resolver (and any other named so) and what they need. */
    void resolver(String name) {
        resolvers.add(name)
    }

    void maxConcurrency(int n) {
        maxConcurrency = n
    }

    RunOptions toOptions() {
        new RunOptions(parameters, maxConcurrency, resolvers, null)
    }
}
