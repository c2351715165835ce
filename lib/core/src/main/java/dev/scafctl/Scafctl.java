package dev.scafctl;

import dev.scafctl.catalog.ArtifactKind;
import dev.scafctl.catalog.ArtifactInfo;
import dev.scafctl.catalog.ArtifactRef;
import dev.scafctl.catalog.CatalogService;
import dev.scafctl.catalog.CatalogTarget;
import dev.scafctl.catalog.LayoutArchive;
import dev.scafctl.catalog.LocalCatalog;
import dev.scafctl.oci.Digest;
import dev.scafctl.plugin.DigestMismatchException;
import dev.scafctl.plugin.LockEntry;
import dev.scafctl.config.Config;
import dev.scafctl.config.ConfigStore;
import dev.scafctl.config.EnvOverrides;
import dev.scafctl.config.Paths;
import dev.scafctl.event.Event;
import dev.scafctl.event.EventListener;
import dev.scafctl.event.TransferProgress;
import dev.scafctl.plugin.host.HostOptions;
import dev.scafctl.plugin.host.BinaryChangedException;
import dev.scafctl.plugin.host.PluginLaunch;
import dev.scafctl.plugin.host.PluginSet;
import dev.scafctl.plugin.host.ProviderConfig;
import dev.scafctl.provider.Provider;
import dev.scafctl.provider.ProviderContext;
import dev.scafctl.provider.ProviderRegistry;
import dev.scafctl.provider.RedactingCall;
import dev.scafctl.provider.ProviderResult;
import dev.scafctl.provider.builtin.BuiltinProviders;
import dev.scafctl.error.InvalidInputException;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.resolver.ResolverEngine;
import dev.scafctl.resolver.RunOptions;
import dev.scafctl.solution.Solution;
import dev.scafctl.solution.SolutionDiscovery;
import dev.scafctl.solution.SolutionParser;
import dev.scafctl.plugin.CatalogSource;
import dev.scafctl.plugin.InstalledPlugin;
import dev.scafctl.plugin.LockFile;
import dev.scafctl.plugin.Platform;
import dev.scafctl.plugin.PluginCache;
import dev.scafctl.plugin.PluginInstaller;
import dev.scafctl.plugin.PluginResolver;
import dev.scafctl.plugin.PluginSources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    private final Config config;
    private final Boolean quiet;
    private final Boolean noColor;
    private final List<String> commandLine;

    private Scafctl(Builder b) {
        this.paths = b.paths != null ? b.paths : Paths.fromEnvironment();
        this.listener = b.listener;
        this.config = b.config;
        this.quiet = b.quiet;
        this.noColor = b.noColor;
        this.commandLine = b.commandLine;
        // an earlier release's place still in use: said once per machine
        if (!paths.moves().isEmpty()) paths.movesToSay().forEach(m -> listener.onEvent(new Event.Warning(m)));
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

    /** The solution file of {@code dir} when none is named: where the Go scafctl looks, in its order ({@link SolutionDiscovery}). */
    public java.util.Optional<Path> findSolution(Path dir) {
        return SolutionDiscovery.find(dir);
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
        if (solution.plugins().isEmpty()) return run(solution, options, PluginSet.empty());
        try (PluginSet plugins = startPlugins(solution)) {
            return run(solution, options, plugins);
        }
    }

    /**
     * The prepare phase of a run, then the launch: the solution's provider plugins for this machine,
     * fetched where missing and pinned to their digests (the lock's when there is one), each run
     * from a copy the host hashed. When a cached binary turns out not to match, every entry is
     * verified (what does not match is replaced by a verified download) and the launch is tried once more.
     */
    public PluginSet startPlugins(Solution solution) {
        try {
            return startPlugins(solution, preparePlugins(solution));
        } catch (BinaryChangedException e) {
            return startPlugins(solution, launches(installPlugins(solution, List.of(Platform.current()), null, false)));
        }
    }

    /**
     * The prepare phase of a run: the solution's provider plugins for this machine, fetched where
     * missing, each with the digest it must have (verified against the lock when there is one);
     * the host hashes what it runs. Auth-handler plugins are fetched too, but not launched: no
     * provider calls them yet.
     */
    public List<PluginLaunch> preparePlugins(Solution solution) {
        LockFile lock = solution.source() == null ? null : LockFile.readBeside(solution.source()).orElse(null);
        return launches(new PluginInstaller(pluginCache(null), this::pluginResolver, listener, PluginInstaller.DEFAULT_PARALLELISM)
                .installForLaunch(solution.plugins(), lock, Platform.current()));
    }

    private static List<PluginLaunch> launches(List<InstalledPlugin> installed) {
        return installed.stream()
                .filter(p -> p.kind() == ArtifactKind.PROVIDER)
                .map(p -> new PluginLaunch(p.name(), p.path(), p.kind(), p.digest()))
                .toList();
    }

    /** Runs the solution with the built-in providers and those of already started plugins. */
    public Map<String, Object> run(Solution solution, RunOptions options, PluginSet plugins) {
        RunOptions effective = options.listener() == EventListener.NONE ? options.withListener(listener) : options;
        return new ResolverEngine(providers(plugins)).run(solution, effective);
    }

    /** Calls one provider by name with the given inputs. */
    public ProviderResult runProvider(String name, Map<String, Object> inputs, Map<String, Object> parameters) {
        return runProvider(name, inputs, parameters, PluginSet.empty());
    }

    /** Calls one provider, with the given plugin binaries running for the call and stopped after it. */
    public ProviderResult runProvider(String name, Map<String, Object> inputs, Map<String, Object> parameters,
                                      List<Path> pluginBinaries) {
        for (Path p : pluginBinaries) {
            // a path the caller typed: a missing or wrong one is their input, not a plugin's failure
            if (!Files.exists(p)) {
                throw new InvalidInputException("plugin binary " + p + " does not exist",
                        "check the path given with --plugin (a plugin built by Maven is under its module's target/)");
            }
            if (!Files.isRegularFile(p)) {
                throw new InvalidInputException("plugin binary " + p + " is not a file", "give the path of the plugin binary itself");
            }
        }
        try (PluginSet plugins = startPlugins(pluginBinaries.stream().map(PluginLaunch::provider).toList())) {
            return runProvider(name, inputs, parameters, plugins);
        }
    }

    private ProviderResult runProvider(String name, Map<String, Object> inputs, Map<String, Object> parameters,
                                       PluginSet plugins) {
        ProviderRegistry registry = providers(plugins);
        Provider provider = registry.find(name).orElseThrow(() -> new InvalidInputException(
                "unknown provider '" + name + "'; known providers: " + String.join(", ", registry.names()),
                "use one of the known providers; plugin providers are loaded with --plugin PATH"));
        return RedactingCall.execute(provider, inputs, ProviderContext.standalone(parameters, listener));
    }

    /** The providers available without plugins. */
    public ProviderRegistry providers() {
        return BuiltinProviders.registry();
    }

    /** The plugin cache: {@code cacheDir} when given, else the default under the cache directory. */
    public PluginCache pluginCache(Path cacheDir) {
        return new PluginCache(cacheDir != null ? cacheDir : paths.pluginCacheDir());
    }

    /** The catalog chain plugins are resolved through; built on demand, so a warm run never creates it. */
    public PluginResolver pluginResolver() {
        CatalogService catalogs = catalogs();
        var targets = catalogs.resolver();
        return new PluginResolver(PluginSources.chain(config(), paths, new CatalogSource(catalogs.local()),
                c -> new CatalogSource(catalogs.open(targets.resolve(c.name())))));
    }

    /**
     * Puts the solution's plugins into the cache for each platform, verified; uses the lock beside
     * the solution file when there is one.
     *
     * @param cacheDir null for the default cache
     * @param locked   fail when the lock is missing or would change
     */
    public List<InstalledPlugin> installPlugins(Solution solution, List<Platform> platforms, Path cacheDir, boolean locked) {
        return installPlugins(solution, platforms, cacheDir, locked, PluginInstaller.DEFAULT_PARALLELISM);
    }

    /** As {@link #installPlugins(Solution, List, Path, boolean)}, with at most {@code jobs} fetches at once. */
    public List<InstalledPlugin> installPlugins(Solution solution, List<Platform> platforms, Path cacheDir, boolean locked,
                                                int jobs) {
        LockFile lock = solution.source() == null ? null : LockFile.readBeside(solution.source()).orElse(null);
        return new PluginInstaller(pluginCache(cacheDir), this::pluginResolver, listener, jobs)
                .install(solution.plugins(), lock, platforms.isEmpty() ? List.of(Platform.current()) : platforms, locked);
    }

    /** What {@link #buildSolution} did: the stored artifact and the lock written beside the file. */
    public record BuiltSolution(dev.scafctl.catalog.ArtifactInfo artifact, LockFile lock) {
    }

    /**
     * {@code build solution}: resolves the solution's plugins through the catalog chain, stores the
     * solution in the local catalog, then writes {@code .scafctl.lock.yaml} beside the file (only
     * when it changed). Resolution comes first, so a plugin that cannot be found stores nothing.
     */
    public BuiltSolution buildSolution(Path file, String version, boolean force) {
        Solution solution = loadSolution(file);
        LockFile lock = new PluginInstaller(pluginCache(null), this::pluginResolver, listener, PluginInstaller.DEFAULT_PARALLELISM)
                .lock(solution.plugins(), Platform.current());
        var artifact = catalogs().buildSolution(file, version, force);
        if (!solution.plugins().isEmpty() || Files.exists(LockFile.pathBeside(file))) {
            lock = lock.keeping(LockFile.readBeside(file).orElse(null));
            lock.writeIfChanged(LockFile.pathBeside(file));
        }
        return new BuiltSolution(artifact, lock);
    }

    /**
     * For air-gapped sites: writes one OCI image-layout archive holding the solution and every
     * plugin it locks, with every platform. Plugins that came from a registry are pulled into the
     * local catalog first and checked against the lock's digests. On the other side,
     * {@code catalog load} and {@code run solution -f NAME@VERSION} need no registry at all.
     */
    public List<ArtifactRef> saveBundle(Path solutionFile, Path tarFile) {
        Solution solution = loadSolution(solutionFile);
        LockFile lock = LockFile.readBeside(solutionFile).orElseGet(() -> lockPlugins(solution));
        CatalogService catalogs = catalogs();
        LocalCatalog local = catalogs.local();
        List<ArtifactRef> refs = new ArrayList<>();
        for (LockEntry e : lock.plugins()) {
            if (local.entry(e.kind(), e.name(), e.version()).isEmpty()) {
                if (e.resolvedFrom() == null || Config.LOCAL.equals(e.resolvedFrom())) {
                    throw new ScafctlException("plugin " + e.coordinates() + " is locked to the local catalog but is not in it",
                            "refresh the lock with 'scafctl plugins lock -f " + solutionFile + "'");
                }
                CatalogTarget from = catalogs.resolver().resolve(e.resolvedFrom());
                catalogs.pull(from.url() + "/" + e.kind().plural() + "/" + e.name() + "@" + e.version(), null);
            }
            ArtifactInfo info = local.describe(e.kind(), e.name(), e.version()).orElseThrow();
            for (var p : info.platforms()) {
                Digest pinned = p.platform() == null ? e.digest() : e.platforms().get(p.platform());
                if (pinned != null && !pinned.equals(p.blobDigest())) {
                    throw new DigestMismatchException("plugin " + e.coordinates() + " (" + p.platform() + ") in the local catalog",
                            pinned, p.blobDigest(), "refresh the lock with 'scafctl plugins lock -f " + solutionFile + "', or remove the local copy");
                }
            }
            refs.add(new ArtifactRef(e.kind(), e.name(), e.version()));
        }
        ArtifactInfo built = buildSolution(solutionFile, null, true).artifact();
        refs.add(new ArtifactRef(ArtifactKind.SOLUTION, built.name(), built.version()));
        new LayoutArchive(local).save(refs, tarFile);
        return refs;
    }

    /** One platform's binary, as published and as held locally. */
    public record PublishedBinary(Platform platform, Digest local, Digest remote, long bytes) {
        public boolean matches() {
            return local.equals(remote);
        }
    }

    /**
     * Pulls back what {@code catalog} serves for an artifact and compares it with the local
     * catalog's copy: every platform's binary is downloaded, hashed and compared. Fails naming the
     * first platform whose digests differ or that is missing on either side.
     */
    public List<PublishedBinary> verifyPublished(ArtifactKind kind, String name, String version, String catalog) {
        CatalogService catalogs = catalogs();
        ArtifactInfo mine = catalogs.local().describe(kind, name, version).orElseThrow(() -> new InvalidInputException(
                kind + " " + name + "@" + version + " is not in the local catalog", "build or pull it first"));
        var remote = catalogs.open(catalogs.resolver().resolve(catalog));
        ArtifactInfo theirs = remote.describe(kind, name, version).orElseThrow(() -> new ScafctlException(
                kind + " " + name + "@" + version + " is not in catalog " + remote.name(), "push it first"));
        List<PublishedBinary> out = new ArrayList<>();
        for (var p : mine.platforms()) {
            var other = theirs.platforms().stream().filter(x -> java.util.Objects.equals(x.platform(), p.platform())).findFirst()
                    .orElseThrow(() -> new ScafctlException("catalog " + remote.name() + " has no " + p.platform() + " binary of "
                            + name + "@" + version, "push it again with --force"));
            var sink = new dev.scafctl.oci.HashingSink();
            var progress = TransferProgress.start(listener, Event.Transfer.Direction.DOWNLOAD, name, version, p.platform(), other.size());
            remote.fetchBlob(kind, name, other.blobDigest(), other.size(), progress.counting(sink));
            progress.finished(sink.count());
            Digest downloaded = sink.digest();
            if (!downloaded.equals(p.blobDigest())) {
                throw new DigestMismatchException(name + "@" + version + " (" + p.platform() + ") in catalog " + remote.name(),
                        p.blobDigest(), downloaded, "push it again with --force, and check who else writes to that registry");
            }
            out.add(new PublishedBinary(p.platform(), p.blobDigest(), downloaded, sink.count()));
        }
        return out;
    }

    /** Resolves the solution's plugins and writes {@code .scafctl.lock.yaml} beside it when it changed. */
    public LockFile lockPlugins(Solution solution) {
        return lockPlugins(solution, List.of());
    }

    /**
     * {@code plugins lock}: resolves the solution's plugins through the catalog chain and writes
     * the lock beside the file (only when it changed), without building anything. Each of
     * {@code platforms} must have a binary of every plugin that is built per platform, or nothing
     * is written.
     */
    public LockFile lockPlugins(Solution solution, List<Platform> platforms) {
        LockFile lock = new PluginInstaller(pluginCache(null), this::pluginResolver, listener, PluginInstaller.DEFAULT_PARALLELISM)
                .lock(solution.plugins(), Platform.current());
        for (LockEntry e : lock.plugins()) {
            if (e.platforms().isEmpty()) continue; // one binary for every platform
            for (Platform p : platforms) {
                if (!e.platforms().containsKey(p)) {
                    throw new ScafctlException("plugin " + e.coordinates() + " in catalog " + e.resolvedFrom() + " has no binary for "
                            + p + "; it has: " + String.join(", ", e.platforms().keySet().stream().map(Platform::toString).toList()),
                            "publish a " + p + " build of it, or leave --platform " + p + " out; the lock was not written");
                }
            }
        }
        if (solution.source() != null) {
            lock = lock.keeping(LockFile.readBeside(solution.source()).orElse(null));
            lock.writeIfChanged(LockFile.pathBeside(solution.source()));
        }
        return lock;
    }

    /**
     * Checks, without writing anything, that the lock beside the solution exists and is what
     * resolving the plugins now would write; otherwise fails naming the difference (for CI).
     */
    public LockFile checkLock(Solution solution) {
        if (solution.source() == null) {
            throw new InvalidInputException("the solution was not read from a file, so it has no lock", "load it from a file");
        }
        if (solution.plugins().isEmpty() && LockFile.readBeside(solution.source()).isEmpty()) return new LockFile(List.of());
        LockFile current = LockFile.readBeside(solution.source()).orElseThrow(() -> new InvalidInputException(
                "no lock file beside " + solution.source(), "run 'scafctl plugins lock -f " + solution.source() + "' and commit the lock file"));
        LockFile fresh = new PluginInstaller(pluginCache(null), this::pluginResolver, listener, PluginInstaller.DEFAULT_PARALLELISM)
                .lock(solution.plugins(), Platform.current());
        if (!fresh.samePins(current)) {
            throw new ScafctlException("the lock beside " + solution.source() + " has drifted: it pins "
                    + describe(current) + " but the catalogs now give " + describe(fresh),
                    "run 'scafctl plugins lock -f " + solution.source() + "' and review the lock file's change");
        }
        return current;
    }

    private static String describe(LockFile lock) {
        return lock.plugins().stream().map(e -> e.coordinates() + (e.digest() == null ? "" : " " + e.digest()))
                .toList().toString();
    }

    /** The built-in providers plus those of {@code plugins}; a name served twice is an error naming both. */
    public ProviderRegistry providers(PluginSet plugins) {
        return plugins.registerInto(providers());
    }

    /**
     * Launches plugin binaries (health-checked, providers listed and configured); closing the
     * returned set stops them. A JVM shutdown hook stops any still running at exit.
     */
    public PluginSet startPlugins(List<PluginLaunch> binaries) {
        return startPlugins(null, binaries);
    }

    /** Launches plugin binaries for a run of {@code solution} (null for a single call): each provider is told about it. */
    public PluginSet startPlugins(Solution solution, List<PluginLaunch> binaries) {
        return PluginSet.start(binaries, HostOptions.defaults().withProviderConfig(providerConfig(solution)), listener);
    }

    /**
     * What plugins are told once they are loaded, as the Go scafctl tells them: quiet and no-color
     * (the builder's, else the config's settings) and the host metadata of a run of {@code solution}.
     */
    public ProviderConfig providerConfig(Solution solution) {
        boolean q = quiet != null ? quiet : config().settings().quiet();
        boolean nc = noColor != null ? noColor : config().settings().noColor();
        return new ProviderConfig(q, nc, Map.of()).withSetting("metadata", ProviderConfig.hostMetadata(
                Scafctl.class.getPackage().getImplementationVersion(), commandLine,
                solution == null ? null : solution.metadata()));
    }

    /** The config file; each load tells the listener of the keys it holds that this scafctl does not act on. */
    public ConfigStore configStore() {
        return new ConfigStore(paths.configFile(), listener);
    }

    /**
     * The config in effect: the one given to the builder, else the config file's, with the
     * {@code SCAFCTL_SETTINGS_*} environment variables over its settings.
     */
    public Config config() {
        return EnvOverrides.apply(config != null ? config : configStore().load(), System.getenv());
    }

    /** Catalogs: build, push, pull, list, inspect, save/load, login, and the catalog chain for plugin fetch. */
    public CatalogService catalogs() {
        return new CatalogService(paths, configStore(), this::config, listener);
    }

    public static final class Builder {
        private Paths paths;
        private EventListener listener = EventListener.NONE;
        private Config config;
        private Boolean quiet;
        private Boolean noColor;
        private List<String> commandLine = List.of("scafctl");

        public Builder paths(Paths paths) {
            this.paths = paths;
            return this;
        }

        public Builder listener(EventListener listener) {
            this.listener = listener == null ? EventListener.NONE : listener;
            return this;
        }

        /** Use this config instead of reading the config file (scripts that declare their own catalogs). */
        public Builder config(Config config) {
            this.config = config;
            return this;
        }

        /** Whether the user asked for quiet output ({@code --quiet}); unset, the config's {@code settings.quiet}. */
        public Builder quiet(boolean quiet) {
            this.quiet = quiet;
            return this;
        }

        /** Whether the user asked for output without colour ({@code --no-color}); unset, the config's {@code settings.noColor}. */
        public Builder noColor(boolean noColor) {
            this.noColor = noColor;
            return this;
        }

        /** How the host was invoked, program name first, for plugins that report it; option values left out. */
        public Builder commandLine(List<String> words) {
            this.commandLine = List.copyOf(words);
            return this;
        }

        public Scafctl build() {
            return new Scafctl(this);
        }
    }
}
