package dev.scafctl;

import dev.scafctl.catalog.CatalogService;
import dev.scafctl.config.Config;
import dev.scafctl.config.ConfigStore;
import dev.scafctl.config.Paths;
import dev.scafctl.event.EventListener;
import dev.scafctl.provider.Provider;
import dev.scafctl.provider.ProviderContext;
import dev.scafctl.provider.ProviderRegistry;
import dev.scafctl.provider.ProviderResult;
import dev.scafctl.provider.builtin.BuiltinProviders;
import dev.scafctl.error.InvalidInputException;
import dev.scafctl.resolver.ResolverEngine;
import dev.scafctl.resolver.RunOptions;
import dev.scafctl.solution.Solution;
import dev.scafctl.solution.SolutionParser;

import java.nio.file.Path;
import java.util.Map;

/**
 * The one entry point of the library: everything the CLI, the Groovy DSL and a JShell session do
 * goes through here. Cheap to create; holds no open resources until a method needs them.
 *
 * <pre>{@code
 * var scafctl = Scafctl.create();
 * var solution = scafctl.loadSolution(Path.of("examples/hello/solution.yaml"));
 * Map<String, Object> values = scafctl.run(solution);
 * }</pre>
 */
public final class Scafctl {
    private final Paths paths;
    private final EventListener listener;

    private Scafctl(Paths paths, EventListener listener) {
        this.paths = paths;
        this.listener = listener;
    }

    /** Paths from the environment (XDG), no listener. */
    public static Scafctl create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Paths paths() {
        return paths;
    }

    public EventListener listener() {
        return listener;
    }

    /** Reads and validates a solution file. */
    public Solution loadSolution(Path file) {
        return new SolutionParser().parse(file);
    }

    /** Parses a solution from YAML text; {@code source} (may be null) names it in errors and anchors relative paths. */
    public Solution parseSolution(String yaml, Path source) {
        return new SolutionParser().parse(yaml, source);
    }

    /** Runs every resolver with default options. */
    public Map<String, Object> run(Solution solution) {
        return run(solution, RunOptions.defaults());
    }

    /** Runs the solution's resolvers and returns their values in declaration order. */
    public Map<String, Object> run(Solution solution, RunOptions options) {
        RunOptions effective = options.listener() == EventListener.NONE ? options.withListener(listener) : options;
        return new ResolverEngine(providers()).run(solution, effective);
    }

    /** Calls one provider by name with the given inputs. */
    public ProviderResult runProvider(String name, Map<String, Object> inputs, Map<String, Object> parameters) {
        ProviderRegistry registry = providers();
        Provider provider = registry.find(name).orElseThrow(() -> new InvalidInputException(
                "unknown provider '" + name + "'; known providers: " + String.join(", ", registry.names()),
                "use one of the known providers; plugin providers are loaded with --plugin PATH"));
        return provider.execute(inputs, ProviderContext.standalone(parameters, listener));
    }

    /** The providers available without plugins. */
    public ProviderRegistry providers() {
        return BuiltinProviders.registry();
    }

    public ConfigStore configStore() {
        return new ConfigStore(paths.configFile());
    }

    public Config config() {
        return configStore().load();
    }

    /** Catalogs: build, push, pull, list, inspect, save/load, login, and the catalog chain for plugin fetch. */
    public CatalogService catalogs() {
        return new CatalogService(paths, configStore(), listener);
    }

    public static final class Builder {
        private Paths paths;
        private EventListener listener = EventListener.NONE;

        public Builder paths(Paths paths) {
            this.paths = paths;
            return this;
        }

        public Builder listener(EventListener listener) {
            this.listener = listener == null ? EventListener.NONE : listener;
            return this;
        }

        public Scafctl build() {
            return new Scafctl(paths != null ? paths : Paths.fromEnvironment(), listener);
        }
    }
}
