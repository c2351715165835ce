package dev.scafctl.dsl

import dev.scafctl.resolver.RunOptions
import groovy.transform.CompileStatic

/** {@code run(solution) { ... }}: parameters and options of one run. */
@CompileStatic
class RunSpec {
    private final Map<String, Object> parameters = [:]
    private String resolver
    private int maxConcurrency = RunOptions.DEFAULT_CONCURRENCY

    void param(String key, Object value) {
        parameters.put(key, value)
    }

    void params(Map<String, ?> values) {
        parameters.putAll(values)
    }

    /** Compute only this resolver and what it needs. */
    void resolver(String name) {
        resolver = name
    }

    void maxConcurrency(int n) {
        maxConcurrency = n
    }

    RunOptions toOptions() {
        new RunOptions(parameters, maxConcurrency, resolver, null)
    }
}
