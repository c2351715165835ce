package dev.scafctl.catalog;

import dev.scafctl.bundle.BundleExtractor;
import dev.scafctl.config.CatalogConfig;
import dev.scafctl.config.Config;
import dev.scafctl.config.ConfigStore;
import dev.scafctl.config.Paths;
import dev.scafctl.error.InvalidInputException;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.event.EventListener;
import dev.scafctl.format.Formats;
import dev.scafctl.io.BoundedFiles;
import dev.scafctl.oci.Reference;
import dev.scafctl.plugin.Platform;
import dev.scafctl.plugin.VersionConstraint;
import dev.scafctl.registry.CredentialStore;
import dev.scafctl.solution.Solution;
import dev.scafctl.solution.SolutionParser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the {@code build}, {@code catalog} and {@code config ...-catalog} commands do, one method
 * per command, plus the building blocks of the plugin catalog chain ({@link #local()},
 * {@link #chain()}, {@link #open(CatalogTarget)}). Registry code is reached only from methods that
 * talk to a registry.
 */
public final class CatalogService {
    private final Paths paths;
    private final ConfigStore configStore;
    private final java.util.function.Supplier<Config> config;
    private final EventListener listener;

    /** @param config the config in effect (the file's, or one a script declared); {@code configStore} is where changes are saved */
    public CatalogService(Paths paths, ConfigStore configStore, java.util.function.Supplier<Config> config,
                          EventListener listener) {
        this.paths = paths;
        this.configStore = configStore;
        this.config = config;
        this.listener = listener == null ? EventListener.NONE : listener;
    }

    // ---- building blocks

    public LocalCatalog local() {
        return new LocalCatalog(paths.catalogDir());
    }

    public CredentialStore credentials() {
        return CredentialStore.standard(paths.configDir());
    }

    public CatalogResolver resolver() {
        return new CatalogResolver(config.get());
    }

    /** A remote catalog, opened (and its registry client loaded) only when first used. */
    public Catalog open(CatalogTarget target) {
        return new LazyCatalog(target.name(), () -> RemoteCatalog.open(target, credentials(), listener));
    }

    /** The catalog chain: the local catalog, then the configured OCI catalogs in config order, lazily opened. */
    public List<Catalog> chain() {
        List<Catalog> chain = new ArrayList<>();
        chain.add(local());
        for (CatalogTarget t : resolver().configured()) chain.add(open(t));
        return chain;
    }

    private RemoteCatalog remote(String catalogFlag) {
        return RemoteCatalog.open(resolver().resolve(catalogFlag), credentials(), listener);
    }

    // ---- build

    /** {@code build solution}: stores the solution file under its name and the given (or its own) version. */
    public ArtifactInfo buildSolution(Path file, String version, boolean force) {
        // read once: the bytes stored are the bytes parsed, however the file changes meanwhile
        String text = SolutionParser.read(file);
        Solution solution = new SolutionParser().parse(text, file);
        String v = version != null ? version : solution.metadata().version();
        return new ArtifactBuilder(local()).storeSolution(solution, text.getBytes(StandardCharsets.UTF_8), v, force);
    }

    /** {@code build plugin}: stores one binary per platform as an image index. */
    public ArtifactInfo buildPlugin(ArtifactKind kind, String name, String version, Map<Platform, Path> binaries,
                                    List<String> providers, boolean force) {
        return new ArtifactBuilder(local()).storePlugin(kind, name, version, binaries, providers, force);
    }

    // ---- catalog commands

    /** {@code catalog push}: the kind comes from the local artifact. */
    public Reference push(String ref, String catalog, boolean force) {
        ArtifactRef r = localKind(ArtifactRef.parseVersioned(ref));
        RemoteCatalog remote = remote(catalog);
        return new Transfers(local(), listener).push(r.kind(), r.name(), r.version(), remote, force);
    }

    /** {@code catalog pull}: a full reference into the local catalog. */
    public Transfers.Pulled pull(String ref, String constraint) {
        Reference reference = Reference.parse(ref);
        CatalogTarget t = resolver().forRegistry(reference.registry());
        var remote = RemoteCatalog.open(new CatalogTarget(ref, reference, t.insecure(), t.caFile()), credentials(), listener);
        return new Transfers(local(), listener).pull(reference, constraint, remote.client());
    }

    /** {@code catalog delete}: local without {@code catalog}, remote with it. Returns what was deleted. */
    public ArtifactRef delete(String ref, String catalog) {
        ArtifactRef r = ArtifactRef.parseVersioned(ref);
        if (catalog == null) {
            ArtifactRef k = localKind(r);
            local().delete(k.kind(), k.name(), k.version());
            return k;
        }
        RemoteCatalog remote = remote(catalog);
        ArtifactRef k = r.kind() != null ? r : remoteKind(r, remote);
        remote.delete(k.kind(), k.name(), k.version());
        return k;
    }

    /**
     * {@code catalog list}: local by default; {@code catalog} names one remote; {@code all} lists the
     * local catalog and every configured one.
     */
    public List<ArtifactSummary> list(ArtifactKind kind, String name, String catalog, boolean all) {
        if (name != null) ArtifactRef.checkName(name, name);
        if (all) {
            List<ArtifactSummary> out = new ArrayList<>();
            for (Catalog c : chain()) {
                try {
                    out.addAll(c.list(kind, name));
                } catch (ScafctlException e) {
                    // one unreachable or unlistable catalog should not hide what the others have
                    listener.onEvent(new dev.scafctl.event.Event.Warning("catalog " + c.name() + " not listed: " + e.getMessage()));
                }
            }
            return out;
        }
        if (catalog == null) return local().list(kind, name);
        return remote(catalog).list(kind, name);
    }

    /** {@code catalog tag}. */
    public ArtifactRef tag(String ref, String alias, String catalog) {
        ArtifactRef r = ArtifactRef.parseVersioned(ref);
        dev.scafctl.oci.Tags.fromVersion(alias);
        if (catalog == null) {
            ArtifactRef k = localKind(r);
            local().tag(k.kind(), k.name(), k.version(), alias);
            return k;
        }
        RemoteCatalog remote = remote(catalog);
        ArtifactRef k = r.kind() != null ? r : remoteKind(r, remote);
        remote.tag(k.kind(), k.name(), k.version(), alias);
        return k;
    }

    /** {@code catalog inspect}: one version, or every version when none is given; local catalog. */
    public List<ArtifactInfo> inspect(String ref) {
        ArtifactRef r = ArtifactRef.parse(ref);
        LocalCatalog local = local();
        List<ArtifactInfo> out = new ArrayList<>();
        for (ArtifactSummary s : local.list(r.kind(), r.name())) {
            if (r.version() == null || r.version().equals(s.version())) {
                local.describe(s.kind(), s.name(), s.version()).ifPresent(out::add);
            }
        }
        if (out.isEmpty()) {
            throw new ScafctlException(r + " is not in the local catalog", "'scafctl catalog list' shows what it has; "
                    + "'scafctl catalog pull REF' fetches from a registry");
        }
        return out;
    }

    /** {@code catalog save}. */
    public ArtifactRef save(String ref, Path tarFile) {
        ArtifactRef k = localKind(ArtifactRef.parseVersioned(ref));
        new LayoutArchive(local()).save(k.kind(), k.name(), k.version(), tarFile);
        return k;
    }

    /** {@code catalog load}. */
    public List<LayoutArchive.Loaded> load(Path tarFile) {
        if (!Files.isRegularFile(tarFile)) throw new InvalidInputException("archive not found: " + tarFile, "check the path given to -i");
        return new LayoutArchive(local()).load(tarFile);
    }

    /** {@code catalog login}: checks the credentials against the registry, then stores them (0600). */
    public void login(String registry, String username, String password) {
        Reference url = Reference.parseCatalogUrl(registry);
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new InvalidInputException("a user name and a password are needed to log in",
                    "pass --username USER and the password on stdin with --password-stdin");
        }
        CatalogTarget t = resolver().forRegistry(url.registry());
        var creds = new dev.scafctl.registry.Credentials(username, password);
        dev.scafctl.registry.RegistryClient client = dev.scafctl.registry.RegistryClient.open(
                new dev.scafctl.registry.RegistryOptions(url.registry(), t.insecure(), t.caFile()),
                CredentialStore.fixed(url.registry(), creds));
        client.checkLogin(username);
        credentials().save(url.registry(), creds);
    }

    /** {@code catalog logout}; true when credentials were stored for the registry. */
    public boolean logout(String registry) {
        return credentials().remove(Reference.parseCatalogUrl(registry).registry());
    }

    // ---- run solution NAME[@VERSION]

    /**
     * A solution from the local catalog, or (for a full registry reference) pulled first. A NAME
     * without a version is its highest released version in the local catalog, as the Go scafctl picks it;
     * when it carries a bundle, its files are extracted and the solution's relative paths start there.
     */
    public Solution loadSolution(String ref) {
        ArtifactRef r;
        LocalCatalog local = local();
        if (Reference.looksLikeRegistry(ref)) {
            Transfers.Pulled p = pull(ref, null);
            if (p.kind() != ArtifactKind.SOLUTION) {
                throw new InvalidInputException(ref + " is a " + p.kind() + ", not a solution", "run a solution reference");
            }
            r = new ArtifactRef(ArtifactKind.SOLUTION, p.name(), p.version());
        } else {
            ArtifactRef parsed = ArtifactRef.parse(ref).withKind(ArtifactKind.SOLUTION);
            r = parsed.version() != null ? parsed : new ArtifactRef(ArtifactKind.SOLUTION, parsed.name(),
                    VersionConstraint.parse(">=0.0.0").highest(local.versions(ArtifactKind.SOLUTION, parsed.name()))
                            .orElseThrow(() -> new ScafctlException("solution " + parsed.name() + " is not in the local catalog",
                                    "build it with 'scafctl build solution -f FILE', or pull it with 'scafctl catalog pull REF'")));
        }
        ArtifactInfo info = local.describe(ArtifactKind.SOLUTION, r.name(), r.version()).orElseThrow(() ->
                new ScafctlException("solution " + r.name() + "@" + r.version() + " is not in the local catalog",
                        "build it with 'scafctl build solution -f FILE', or pull it with 'scafctl catalog pull REF'"));
        var layer = info.contentLayer().orElseThrow(() -> new ScafctlException(
                "solution " + r.name() + "@" + r.version() + " has no solution YAML layer", "build or pull it again"));
        String what = "solution " + r.name() + "@" + r.version();
        if (layer.size() > Formats.MAX_DOCUMENT_CHARS) {
            throw new InvalidInputException(what + " is " + BoundedFiles.describeSize(layer.size()) + ", more than the "
                    + BoundedFiles.describeSize(Formats.MAX_DOCUMENT_CHARS) + " scafctl reads",
                    "a solution is a small YAML file: ask its author to keep large data out of it");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        local.fetchBlob(ArtifactKind.SOLUTION, r.name(), layer.digest(), layer.size(), out);
        Solution solution = new SolutionParser().parse(out.toString(StandardCharsets.UTF_8), null);
        if (!BundleExtractor.hasBundle(info.layers())) return solution;
        return solution.withBundleDirectory(new BundleExtractor(local.layout(), what)
                .extractOnce(info.layers(), bundleDirectory(info.digest())));
    }

    /** Where the bundle of the solution with this manifest is extracted: one directory per manifest digest, under the cache. */
    public Path bundleDirectory(dev.scafctl.oci.Digest manifest) {
        return paths.cacheDir().resolve("bundles").resolve(manifest.hex());
    }

    // ---- config add-catalog / remove-catalog / use-catalog, catalog remote add / remove / set-default / list

    /**
     * Adds a catalog after the configured ones ({@code replace}: or replaces the one of that
     * name, where it stands). A path is made absolute, unless it starts with {@code ~}; a CA
     * file must exist.
     */
    public Config addCatalog(CatalogConfig c, boolean makeDefault, boolean replace) {
        if (c.caFile() != null && !Files.isRegularFile(Path.of(c.caFile()))) {
            throw new InvalidInputException("CA file not found: " + c.caFile(), "give the path of a PEM file");
        }
        String path = c.path() == null || c.path().startsWith("~") ? c.path() : Path.of(c.path()).toAbsolutePath().normalize().toString();
        String caFile = c.caFile() == null ? null : Path.of(c.caFile()).toAbsolutePath().normalize().toString();
        CatalogConfig entry = new CatalogConfig(c.name(), c.type(), c.url(), path, c.insecure(), caFile, c.authProvider(), c.authScope());
        configStore.check(entry, "catalog " + c.name());
        Config config = configStore.load();
        if (config.catalog(c.name()).isPresent() && !replace) {
            throw new InvalidInputException("catalog '" + c.name() + "' already exists",
                    "replace it with --force, or remove it first: scafctl catalog remote remove " + c.name());
        }
        config = config.withCatalog(entry);
        if (makeDefault) config = config.withSettings(config.settings().withDefaultCatalog(c.name()));
        configStore.save(config);
        return config;
    }

    /** Removes a configured catalog; the default catalog, when it was that one, is cleared. */
    public Config removeCatalog(String name) {
        if (Config.isReserved(name)) {
            throw new InvalidInputException("'" + name + "' is a built-in catalog and cannot be removed",
                    Config.OFFICIAL.equals(name) ? "to leave it out of the chain: " + Config.howToLeaveOut(name)
                            : "the local catalog is always searched first");
        }
        Config config = configStore.load();
        if (config.catalogs().stream().noneMatch(c -> c.name().equals(name))) throw unknownCatalog(config, name);
        Config next = config.withoutCatalog(name);
        configStore.save(next);
        return next;
    }

    /** Makes a catalog of the chain the default; an empty name clears the default. */
    public Config useCatalog(String name) {
        Config config = configStore.load();
        if (name != null && !name.isBlank()) {
            if (Config.LOCAL.equals(name)) {
                throw new InvalidInputException("'local' cannot be the default catalog: push, delete and tag without --catalog need a remote one",
                        "name a configured catalog, or official");
            }
            if (config.catalog(name).isEmpty()) throw unknownCatalog(config, name);
        }
        Config next = config.withSettings(config.settings().withDefaultCatalog(name == null || name.isBlank() ? null : name));
        configStore.save(next);
        return next;
    }

    /** Every catalog in chain order, as {@code catalog remote list} shows them: local, the configured ones, official. */
    public List<CatalogConfig> catalogsInChain() {
        List<CatalogConfig> out = new ArrayList<>();
        out.add(CatalogConfig.filesystem(Config.LOCAL, paths.catalogDir().toString()));
        out.addAll(config.get().chain());
        return out;
    }

    private static InvalidInputException unknownCatalog(Config config, String name) {
        return new InvalidInputException("unknown catalog '" + name + "'; configured catalogs: "
                + (config.catalogNames().isEmpty() ? "none" : String.join(", ", config.catalogNames())),
                "add it first: scafctl catalog remote add " + name + " --type oci --url URL");
    }

    // ---- kinds of bare names

    /** Fills in the kind from the local catalog; a name with several kinds needs {@code KIND/NAME}. */
    private ArtifactRef localKind(ArtifactRef r) {
        if (r.kind() != null) {
            if (local().entry(r.kind(), r.name(), r.version()).isEmpty()) throw local().notFound(r.kind(), r.name(), r.version());
            return r;
        }
        List<ArtifactKind> kinds = local().list(null, r.name()).stream()
                .filter(s -> s.version().equals(r.version())).map(ArtifactSummary::kind).distinct().toList();
        if (kinds.isEmpty()) {
            throw new ScafctlException(r + " is not in the local catalog",
                    "'scafctl catalog list' shows what it has; build it with 'scafctl build ...' or pull it");
        }
        if (kinds.size() > 1) {
            throw new InvalidInputException(r.name() + "@" + r.version() + " exists as " + kinds.size() + " kinds: " + kinds,
                    "name the kind: KIND/NAME@VERSION, e.g. " + kinds.get(0) + "/" + r);
        }
        return r.withKind(kinds.get(0));
    }

    private ArtifactRef remoteKind(ArtifactRef r, RemoteCatalog remote) {
        List<ArtifactKind> local = local().list(null, r.name()).stream().map(ArtifactSummary::kind).distinct().toList();
        if (local.size() == 1) return r.withKind(local.get(0));
        for (ArtifactKind k : ArtifactKind.values()) {
            if (remote.describe(k, r.name(), r.version()).isPresent()) return r.withKind(k);
        }
        throw new ScafctlException(r + " is not in catalog " + remote.name(),
                "'scafctl catalog list --catalog " + remote.name() + "' shows what it has");
    }
}
