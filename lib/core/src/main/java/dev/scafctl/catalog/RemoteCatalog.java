package dev.scafctl.catalog;

import dev.scafctl.event.Event;
import dev.scafctl.event.EventListener;
import dev.scafctl.oci.Digest;
import dev.scafctl.oci.Reference;
import dev.scafctl.oci.Tags;
import dev.scafctl.registry.CredentialStore;
import dev.scafctl.registry.RegistryClient;
import dev.scafctl.registry.RegistryOptions;
import org.semver4j.Semver;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A catalog in an OCI registry: artifacts live at {@code <url>/<kinds>/<name>:<version>}. Only
 * this class (and {@link Transfers}) touch the registry client, so commands that stay local never
 * load it.
 */
public final class RemoteCatalog implements Catalog {
    /** Digest requests in flight while listing: the JDK keeps five idle connections a host, so each reuses one. */
    private static final int LIST_PARALLELISM = 5;

    private final CatalogTarget target;
    private final RegistryClient client;
    private final EventListener listener;

    public RemoteCatalog(CatalogTarget target, RegistryClient client, EventListener listener) {
        this.target = target;
        this.client = client;
        this.listener = listener == null ? EventListener.NONE : listener;
    }

    /** Opens a registry client for {@code target} with credentials from {@code credentials}. */
    public static RemoteCatalog open(CatalogTarget target, CredentialStore credentials, EventListener listener) {
        RegistryOptions options = new RegistryOptions(target.url().registry(), target.insecure(), target.caFile());
        return new RemoteCatalog(target, RegistryClient.open(options, credentials, listener), listener);
    }

    public CatalogTarget target() {
        return target;
    }

    public RegistryClient client() {
        return client;
    }

    @Override
    public String name() {
        return target.name();
    }

    /** The repository of one artifact: {@code <url>/providers/aws}. */
    public Reference repository(ArtifactKind kind, String name) {
        return target.url().child(kind.plural() + "/" + name);
    }

    @Override
    public List<String> versions(ArtifactKind kind, String name) {
        return client.tags(repository(kind, name)).stream().map(Tags::toVersion).filter(Tags::isSemver)
                .distinct().sorted(Comparator.comparing(Semver::parse)).toList();
    }

    @Override
    public Optional<ArtifactInfo> describe(ArtifactKind kind, String name, String version) {
        Reference repo = repository(kind, name);
        return client.manifest(repo.withTag(Tags.fromVersion(version))).map(m -> Describer.describe(name(), kind, name, version,
                m.mediaType(), m.digest(), m.bytes(), d -> client.manifest(repo.withDigest(d))
                        .orElseThrow(() -> new dev.scafctl.error.ScafctlException("manifest " + d + " of " + repo
                                + " is missing from registry " + client.host(), "the artifact is incomplete; push it again"))
                        .bytes(), null));
    }

    @Override
    public void fetchBlob(ArtifactKind kind, String name, Digest digest, long size, OutputStream out) {
        client.fetchBlob(repository(kind, name), digest, size, out, n -> { });
    }

    @Override
    public List<ArtifactSummary> list(ArtifactKind kind, String name) {
        List<Tagged> tagged = new ArrayList<>();
        if (name != null) {
            for (ArtifactKind k : kind != null ? List.of(kind) : List.of(ArtifactKind.values())) addTags(tagged, k, name);
            return withDigests(tagged);
        }
        String prefix = target.url().repository().isEmpty() ? "" : target.url().repository() + "/";
        for (String repo : client.repositories()) {
            if (!repo.startsWith(prefix)) continue;
            String[] rest = repo.substring(prefix.length()).split("/");
            if (rest.length != 2) continue;
            Optional<ArtifactKind> k = ArtifactKind.fromPlural(rest[0]);
            if (k.isEmpty() || kind != null && k.get() != kind) continue;
            addTags(tagged, k.get(), rest[1]);
        }
        return withDigests(tagged);
    }

    /** One tag of one artifact's repository, before its digest is asked for. */
    private record Tagged(ArtifactKind kind, String name, String tag) {
    }

    private void addTags(List<Tagged> out, ArtifactKind kind, String name) {
        client.tags(repository(kind, name)).stream().sorted().forEach(t -> out.add(new Tagged(kind, name, t)));
    }

    /**
     * The tags with their manifest digests. A tag listing gives no digests, so each costs one HEAD:
     * {@link #LIST_PARALLELISM} at a time, so that a catalog of many versions is not listed at one
     * round trip per line.
     */
    private List<ArtifactSummary> withDigests(List<Tagged> tagged) {
        List<Callable<ArtifactSummary>> asks = tagged.stream().<Callable<ArtifactSummary>>map(t -> () -> new ArtifactSummary(
                name(), t.kind(), t.name(), Tags.toVersion(t.tag()),
                client.manifestDigest(repository(t.kind(), t.name()).withTag(t.tag())).orElse(null), null)).toList();
        if (asks.isEmpty()) return List.of();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(LIST_PARALLELISM, asks.size()));
        try {
            List<ArtifactSummary> out = new ArrayList<>();
            for (Future<ArtifactSummary> f : pool.invokeAll(asks)) out.add(f.get());
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new dev.scafctl.error.ScafctlException("listing catalog " + name() + " failed: " + e.getCause(),
                    "run with -v for details", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.scafctl.error.ScafctlException("interrupted while listing catalog " + name(), null);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void delete(ArtifactKind kind, String name, String version) {
        Reference ref = repository(kind, name).withTag(Tags.fromVersion(version));
        var m = client.manifest(ref).orElseThrow(() -> notFound(kind, name, version));
        // registries delete manifests, not tags: every tag on the same digest goes with it
        List<String> sharing = new ArrayList<>();
        for (String t : client.tags(ref.withTag(null))) {
            if (t.equals(ref.tag()) || sharing.size() >= 20) continue;
            client.manifest(ref.withTag(t)).filter(o -> o.digest().equals(m.digest())).ifPresent(o -> sharing.add(Tags.toVersion(t)));
        }
        if (!sharing.isEmpty()) {
            listener.onEvent(new Event.Warning("deleting " + name + "@" + version + " in catalog " + name()
                    + " also removes the tags pointing at the same manifest: " + String.join(", ", sharing)));
        }
        client.deleteManifest(ref, m.digest());
    }

    @Override
    public void tag(ArtifactKind kind, String name, String version, String alias) {
        Reference repo = repository(kind, name);
        var m = client.manifest(repo.withTag(Tags.fromVersion(version))).orElseThrow(() -> notFound(kind, name, version));
        client.putManifest(repo.withTag(Tags.fromVersion(alias)), m.mediaType(), m.bytes());
    }

    dev.scafctl.error.ScafctlException notFound(ArtifactKind kind, String name, String version) {
        return new dev.scafctl.error.ScafctlException(kind + " " + name + "@" + version + " is not in catalog " + name()
                + " (" + repository(kind, name) + ")", "'scafctl catalog list --catalog " + name() + "' shows what it has");
    }
}
