package dev.scafctl.resolver;

import dev.scafctl.error.InvalidInputException;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.event.Event;
import dev.scafctl.provider.Provider;
import dev.scafctl.provider.ProviderContext;
import dev.scafctl.provider.ProviderRegistry;
import dev.scafctl.provider.ProviderResult;
import dev.scafctl.provider.RedactingCall;
import dev.scafctl.solution.ResolverSpec;
import dev.scafctl.solution.Solution;
import dev.scafctl.solution.SourceSpec;
import dev.scafctl.solution.ValueRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Computes a solution's resolvers: checks every reference first, orders the resolvers into
 * dependency phases, then runs each phase's resolvers in parallel (bounded by
 * {@link RunOptions#maxConcurrency()}). A resolver takes the first non-null value among its
 * sources and coerces it to its declared type.
 */
public final class ResolverEngine {
    private final ProviderRegistry providers;

    public ResolverEngine(ProviderRegistry providers) {
        this.providers = providers;
    }

    /** Checks the solution against the registered providers without running anything. */
    public DependencyGraph plan(Solution solution) {
        Map<String, Set<String>> edges = new LinkedHashMap<>();
        for (ResolverSpec r : solution.resolvers().values()) {
            Set<String> deps = new LinkedHashSet<>();
            for (String d : r.dependsOn()) {
                requireResolver(solution, r.name(), d, "dependsOn");
                deps.add(d);
            }
            for (int i = 0; i < r.sources().size(); i++) {
                SourceSpec s = r.sources().get(i);
                String where = "resolver " + r.name() + " (resolve.with[" + i + "])";
                Provider p = providers.find(s.provider()).orElseThrow(() -> unknownProvider(r.name(), s.provider()));
                collectReferences(s.inputs(), solution, r.name(), where, deps);
                for (String d : p.extractDependencies(s.inputs())) {
                    requireResolver(solution, r.name(), d, "provider " + s.provider());
                    deps.add(d);
                }
            }
            edges.put(r.name(), deps);
        }
        return new DependencyGraph(edges);
    }

    /** Runs the solution; the result holds each computed resolver in declaration order. */
    public Map<String, Object> run(Solution solution, RunOptions options) {
        DependencyGraph graph = plan(solution);
        Set<String> wanted = options.onlyResolvers().isEmpty() ? solution.resolvers().keySet() : new java.util.HashSet<>();
        for (String name : options.onlyResolvers()) {
            if (!solution.resolvers().containsKey(name)) {
                throw new InvalidInputException("no resolver named '" + name + "' in " + solution.metadata().name(),
                        "use one of: " + String.join(", ", solution.resolvers().keySet()));
            }
            wanted.addAll(graph.closure(name));
        }
        List<List<String>> phases = graph.phases(wanted);
        ProviderContext base = new ProviderContext(options.parameters(), solution.metadata(),
                solution.baseDirectory(), null, Map.of(), options.listener());
        Map<String, Object> values = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.maxConcurrency(), r -> {
            Thread t = new Thread(r, "resolver");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int p = 0; p < phases.size(); p++) {
                List<String> phase = phases.get(p);
                options.listener().onEvent(new Event.Note("phase " + (p + 1) + ": " + String.join(", ", phase)));
                Map<String, Object> snapshot = java.util.Collections.unmodifiableMap(new HashMap<>(values));
                List<Future<Object>> futures = new ArrayList<>();
                for (String name : phase) {
                    ResolverSpec spec = solution.resolvers().get(name);
                    Callable<Object> task = () -> resolve(spec, snapshot, base.forResolver(name, snapshot));
                    futures.add(pool.submit(task));
                }
                ScafctlException failure = null;
                for (int i = 0; i < phase.size(); i++) {
                    try {
                        Object v = futures.get(i).get();
                        values.put(phase.get(i), v);
                    } catch (ExecutionException e) {
                        if (failure == null) failure = asScafctl(phase.get(i), e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ScafctlException("interrupted while resolving " + phase.get(i), null);
                    }
                }
                if (failure != null) throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String n : solution.resolvers().keySet()) {
            if (values.containsKey(n)) ordered.put(n, values.get(n));
        }
        return ordered;
    }

    private Object resolve(ResolverSpec spec, Map<String, Object> values, ProviderContext context) {
        for (int i = 0; i < spec.sources().size(); i++) {
            SourceSpec source = spec.sources().get(i);
            String where = "resolver " + spec.name() + " (resolve.with[" + i + "])";
            Provider provider = providers.find(source.provider())
                    .orElseThrow(() -> unknownProvider(spec.name(), source.provider()));
            @SuppressWarnings("unchecked")
            Map<String, Object> inputs = (Map<String, Object>) evaluate(source.inputs(), values, where);
            ProviderResult result;
            try {
                result = RedactingCall.execute(provider, inputs, context);
            } catch (ScafctlException e) {
                throw new ScafctlException("resolver " + spec.name() + ": provider " + source.provider()
                        + " failed: " + e.getMessage(), e.nextStep(), e);
            } catch (RuntimeException e) {
                throw new ScafctlException("resolver " + spec.name() + ": provider " + source.provider()
                        + " failed: " + e, "run with -v for details and report it to the provider's author", e);
            }
            for (String w : result.warnings()) {
                context.listener().onEvent(new Event.Warning("resolver " + spec.name() + ": " + w));
            }
            if (result.data() != null) {
                Object value = result.data();
                Optional<Object> coerced = spec.type().coerce(value);
                if (coerced.isEmpty()) {
                    throw new ScafctlException("resolver " + spec.name() + ": value " + describe(value)
                            + " from provider " + source.provider() + " cannot be converted to type " + spec.type(),
                            "change the resolver's type, or make the source produce a " + spec.type());
                }
                context.listener().onEvent(new Event.ResolverDone(spec.name(), source.provider()));
                return coerced.get();
            }
        }
        context.listener().onEvent(new Event.ResolverDone(spec.name(), "(no value)"));
        return null;
    }

    /** Replaces every {@link ValueRef} inside {@code value} with what it refers to. */
    static Object evaluate(Object value, Map<String, Object> values, String where) {
        if (value instanceof ValueRef.Resolver r) return values.get(r.name());
        if (value instanceof ValueRef.Expr e) return CelExpressions.evaluate(e.expression(), values, where);
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), evaluate(v, values, where)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(evaluate(v, values, where)));
            return out;
        }
        return value;
    }

    private static void collectReferences(Object value, Solution solution, String resolver, String where,
                                          Set<String> into) {
        if (value instanceof ValueRef.Resolver r) {
            requireResolver(solution, resolver, r.name(), "rslvr");
            into.add(r.name());
        } else if (value instanceof ValueRef.Expr e) {
            for (String n : CelExpressions.references(e.expression(), where)) {
                requireResolver(solution, resolver, n, "expr '" + e.expression() + "'");
                into.add(n);
            }
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> collectReferences(v, solution, resolver, where, into));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collectReferences(v, solution, resolver, where, into));
        }
    }

    private static void requireResolver(Solution solution, String from, String name, String via) {
        if (!solution.resolvers().containsKey(name)) {
            throw new InvalidInputException("resolver " + from + " refers to unknown resolver '" + name + "' (" + via + ")",
                    "use one of: " + String.join(", ", solution.resolvers().keySet()));
        }
    }

    private InvalidInputException unknownProvider(String resolver, String provider) {
        return new InvalidInputException("resolver " + resolver + " uses unknown provider '" + provider
                + "'; known providers: " + String.join(", ", providers.names()),
                "fix the provider name; providers from plugins are declared under bundle.plugins");
    }

    private static ScafctlException asScafctl(String resolver, Throwable t) {
        if (t instanceof ScafctlException s) return s;
        return new ScafctlException("resolver " + resolver + " failed: " + t, "run with -v for details", t);
    }

    private static String describe(Object value) {
        String type = value instanceof String ? "string" : value instanceof Long ? "int"
                : value instanceof Double ? "float" : value instanceof Boolean ? "bool"
                : value instanceof List ? "array" : value instanceof Map ? "object" : value.getClass().getSimpleName();
        String text = value instanceof String s ? '"' + s + '"' : String.valueOf(value);
        if (text.length() > 80) text = text.substring(0, 77) + "...";
        return text + " (" + type + ")";
    }

    /** Resolver names a CEL expression reads; for providers that take expressions as inputs. */
    public static Set<String> expressionReferences(String expression, String where) {
        return CelExpressions.references(expression, where);
    }

    /** Evaluates CEL over {@code _}; for providers that take expressions as inputs. */
    public static Object evaluateExpression(String expression, Map<String, Object> values, String where) {
        return CelExpressions.evaluate(expression, values, where);
    }

}
