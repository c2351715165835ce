package dev.scafctl.plugin;

import dev.scafctl.error.InvalidInputException;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.event.Event;
import dev.scafctl.event.EventListener;
import dev.scafctl.oci.Digest;
import dev.scafctl.oci.HashingSink;
import dev.scafctl.solution.PluginRequirement;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Puts the binaries a solution needs into the cache, verified, in parallel; and computes the
 * lock that pins them. With a lock and a warm cache it touches no catalog at all: the catalog
 * chain is only built (through the supplier) when something must be looked up.
 */
public final class PluginInstaller {
    public static final int DEFAULT_PARALLELISM = 8;

    private final PluginCache cache;
    private final Supplier<PluginResolver> chain;
    private final EventListener listener;
    private final int parallelism;
    private PluginResolver resolver;

    public PluginInstaller(PluginCache cache, Supplier<PluginResolver> chain, EventListener listener, int parallelism) {
        this.cache = cache;
        this.chain = chain;
        this.listener = listener == null ? EventListener.NONE : listener;
        this.parallelism = Math.max(1, parallelism);
    }

    private synchronized PluginResolver resolver() {
        if (resolver == null) resolver = chain.get();
        return resolver;
    }

    /**
     * Installs every requirement for every platform.
     *
     * @param lock   the solution's lock, or null; with one, versions and digests are the pinned ones
     * @param locked fail unless a lock exists and covers the requirements exactly (CI)
     */
    public List<InstalledPlugin> install(List<PluginRequirement> requirements, LockFile lock,
                                         List<Platform> platforms, boolean locked) {
        return install(requirements, lock, platforms, locked, true);
    }

    /**
     * Installs for a launch on this machine. A binary already in the cache is not hashed here: the
     * host hashes it as it copies it to run it (one pass instead of two), and when that copy does
     * not match, the caller installs again with {@link #install} (which replaces what does not
     * match) and launches again. A binary fetched now was hashed as it arrived.
     */
    public List<InstalledPlugin> installForLaunch(List<PluginRequirement> requirements, LockFile lock, Platform platform) {
        return install(requirements, lock, List.of(platform), false, false);
    }

    private List<InstalledPlugin> install(List<PluginRequirement> requirements, LockFile lock,
                                          List<Platform> platforms, boolean locked, boolean hashCached) {
        if (locked) checkLocked(requirements, lock);
        List<Plan> plans = new ArrayList<>();
        for (PluginRequirement r : requirements) {
            LockEntry entry = lock == null ? null : lock.find(r.name(), r.kind()).orElse(null);
            if (entry != null && !VersionConstraint.parse(r.constraint()).isSatisfiedBy(entry.version())) {
                throw new InvalidInputException(r + ": the lock pins " + entry.version()
                        + ": resolved version " + entry.version() + " does not satisfy constraint " + r.constraint(),
                        "refresh the lock with 'scafctl plugins lock -f <solution>'");
            }
            plans.add(new Plan(r, entry));
        }
        List<Callable<InstalledPlugin>> tasks = new ArrayList<>();
        for (Plan plan : plans) {
            for (Platform platform : platforms) tasks.add(() -> installOne(plan, platform, hashCached));
        }
        return runAll(tasks);
    }

    private List<InstalledPlugin> runAll(List<Callable<InstalledPlugin>> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, tasks.size())), r -> {
            Thread t = new Thread(r, "plugin-install");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<InstalledPlugin>> futures = new ArrayList<>();
            for (Callable<InstalledPlugin> c : tasks) futures.add(pool.submit(c));
            List<InstalledPlugin> out = new ArrayList<>();
            ScafctlException failure = null;
            for (Future<InstalledPlugin> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof ScafctlException se ? se
                                : new ScafctlException("installing plugins failed: " + e.getCause(), "run with -v for details", e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ScafctlException("interrupted while installing plugins", null);
                }
            }
            if (failure != null) throw failure;
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private InstalledPlugin installOne(Plan plan, Platform platform, boolean hashCached) {
        PluginRequirement r = plan.requirement;
        Digest expected;
        String version;
        if (plan.lock != null) {
            version = plan.lock.version();
            expected = plan.lock.digestFor(platform).orElseThrow(() -> new ScafctlException(
                    "plugin " + plan.lock.coordinates() + ": the lock has no digest for platform " + platform
                            + " (it pins: " + (plan.lock.platforms().isEmpty() ? "no platforms" : String.join(", ",
                            plan.lock.platforms().keySet().stream().map(Platform::toString).toList())) + ")",
                    "refresh the lock with 'scafctl plugins lock -f <solution>' once the catalog has a " + platform + " binary"));
        } else {
            PluginArtifact artifact = plan.artifact(this);
            version = artifact.version();
            PluginBinary binary = binaryFor(artifact, platform);
            if (binary.digest() == null) throw noDigest(artifact);
            expected = binary.digest();
        }
        Optional<java.nio.file.Path> cached = hashCached ? cache.verified(r.name(), version, platform, expected, listener)
                : cache.present(r.name(), version, platform, listener);
        if (cached.isPresent()) {
            return new InstalledPlugin(r.name(), r.kind(), version, platform, cached.get(), expected, false);
        }
        PluginArtifact artifact = plan.artifact(this);
        PluginBinary binary = binaryFor(artifact, platform);
        if (plan.lock != null && binary.digest() != null && !binary.digest().equals(expected)
                && plan.lock.platforms().isEmpty() && binary.platform() != null) {
            throw new DigestMismatchException("plugin " + artifact.coordinates() + " (" + platform + ") in catalog "
                    + artifact.source() + ": the lock pins a single digest, binding on every platform, but the catalog"
                    + " builds this plugin per platform and its " + platform + " binary differs", expected, binary.digest(),
                    "pin every platform's digest with 'scafctl plugins lock -f <solution> --platform " + platform + "'");
        }
        if (plan.lock != null && binary.digest() != null && !binary.digest().equals(expected)) {
            throw new DigestMismatchException("plugin " + artifact.coordinates() + " (" + platform + ") in catalog "
                    + artifact.source() + " does not match the lock", expected, binary.digest(),
                    "if the catalog's new content is legitimate, refresh the lock with 'scafctl plugins lock -f <solution>'; otherwise report the catalog");
        }
        PluginSource source = plan.source;
        listener.onEvent(new Event.Note("fetching " + artifact.coordinates() + " (" + platform + ") from " + source.name()));
        java.nio.file.Path path = cache.store(r.name(), version, platform, expected, binary.size(),
                out -> source.fetch(artifact, binary, out), listener);
        return new InstalledPlugin(r.name(), r.kind(), version, platform, path, expected, true);
    }

    private static PluginBinary binaryFor(PluginArtifact artifact, Platform platform) {
        return artifact.binaryFor(platform).orElseThrow(() -> new ScafctlException(
                "plugin " + artifact.coordinates() + " in catalog " + artifact.source() + " has no binary for "
                        + platform + "; it has: " + artifact.platformList(),
                "choose one of those platforms with --platform, or publish a " + platform + " build"));
    }

    static ScafctlException noDigest(PluginArtifact artifact) {
        return new ScafctlException("plugin " + artifact.coordinates() + ": no digest available for verification;\n"
                + "Run 'scafctl build solution' to generate a lock file with pinned digests", null);
    }

    private static void checkLocked(List<PluginRequirement> requirements, LockFile lock) {
        if (lock == null && requirements.isEmpty()) return;
        if (lock == null) {
            throw new InvalidInputException("--locked: the solution has no lock file (" + LockFile.FILE_NAME + ")",
                    "run 'scafctl plugins lock -f <solution>' and commit the lock file");
        }
        for (PluginRequirement r : requirements) {
            LockEntry e = lock.find(r.name(), r.kind()).orElseThrow(() -> new InvalidInputException(
                    "--locked: the lock has no entry for " + r + "; it would change",
                    "run 'scafctl plugins lock -f <solution>' and commit the lock file"));
            // a lock that records no constraint (the Go tool's older locks) serves any constraint its version satisfies
            if (e.constraint() != null && !e.constraint().equals(r.constraint())) {
                throw new InvalidInputException("--locked: " + r + " has constraint " + r.constraint()
                        + " but the lock was made for " + e.constraint() + "; it would change",
                        "run 'scafctl plugins lock -f <solution>' and commit the lock file");
            }
        }
        for (LockEntry e : lock.plugins()) {
            boolean needed = requirements.stream().anyMatch(r -> r.name().equals(e.name()) && r.kind() == e.kind());
            if (!needed) {
                throw new InvalidInputException("--locked: the lock pins " + e.name() + " (" + e.kind().id()
                        + "), which the solution no longer declares; it would change",
                        "run 'scafctl plugins lock -f <solution>' and commit the lock file");
            }
        }
    }

    /**
     * The lock for these requirements: each resolved through the chain, with the digest of every
     * platform's binary. A source that cannot give a digest has its binary hashed here.
     */
    public LockFile lock(List<PluginRequirement> requirements, Platform current) {
        List<Callable<LockEntry>> tasks = new ArrayList<>();
        for (PluginRequirement r : requirements) tasks.add(() -> lockOne(r, current));
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, tasks.size())));
        try {
            List<LockEntry> entries = new ArrayList<>();
            for (Future<LockEntry> f : pool.invokeAll(tasks)) {
                try {
                    entries.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof ScafctlException se) throw se;
                    throw new ScafctlException("resolving plugins failed: " + e.getCause(), "run with -v for details", e.getCause());
                }
            }
            return new LockFile(entries);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScafctlException("interrupted while resolving plugins", null);
        } finally {
            pool.shutdownNow();
        }
    }

    private LockEntry lockOne(PluginRequirement r, Platform current) {
        Selection s = resolver().resolve(r);
        PluginArtifact artifact = s.source().describe(r.name(), r.kind(), s.version()).orElseThrow(() ->
                new ScafctlException("catalog " + s.source().name() + " lists " + s.coordinates() + " but cannot describe it",
                        "check the catalog with 'scafctl catalog inspect'"));
        Map<Platform, Digest> platforms = new TreeMap<>();
        Digest single = null;
        for (PluginBinary b : artifact.binaries()) {
            Digest d = b.digest() != null ? b.digest() : hash(s.source(), artifact, b);
            if (b.platform() == null) single = d;
            else platforms.put(b.platform(), d);
        }
        Digest digest = single != null ? single : platforms.get(current);
        return new LockEntry(r.name(), r.kind(), r.constraint(), s.version(), s.source().name(), digest,
                single != null ? Map.of() : platforms);
    }

    private static Digest hash(PluginSource source, PluginArtifact artifact, PluginBinary binary) {
        HashingSink sink = new HashingSink();
        try {
            source.fetch(artifact, binary, sink);
        } catch (IOException e) {
            throw new ScafctlException("cannot read " + artifact.coordinates() + " from catalog " + source.name()
                    + ": " + e.getMessage(), "check the catalog");
        }
        return sink.digest();
    }

    /** One requirement's answer, looked up in the catalog chain only when first needed. */
    private static final class Plan {
        final PluginRequirement requirement;
        final LockEntry lock;
        PluginSource source;
        private PluginArtifact artifact;

        Plan(PluginRequirement requirement, LockEntry lock) {
            this.requirement = requirement;
            this.lock = lock;
        }

        synchronized PluginArtifact artifact(PluginInstaller installer) {
            if (artifact != null) return artifact;
            PluginResolver resolver = installer.resolver();
            if (lock != null) {
                findExact(resolver, lock.version());
                return artifact;
            }
            Selection s = resolver.resolve(requirement);
            source = s.source();
            artifact = source.describe(requirement.name(), requirement.kind(), s.version()).orElseThrow(() ->
                    new ScafctlException("catalog " + source.name() + " lists " + requirement.name() + "@" + s.version()
                            + " but cannot describe it", "check the catalog with 'scafctl catalog inspect'"));
            return artifact;
        }

        /**
         * The lock's source first, then the rest of the chain, for the exact pinned version. Each is
         * asked for that version directly: one request where listing its versions first took two.
         */
        private void findExact(PluginResolver resolver, String version) {
            List<PluginSource> order = new ArrayList<>();
            resolver.source(lock.resolvedFrom() == null ? "" : lock.resolvedFrom()).ifPresent(order::add);
            for (PluginSource s : resolver.chain()) if (!order.contains(s)) order.add(s);
            for (PluginSource s : order) {
                Optional<PluginArtifact> found = PluginResolver.ask(s, () -> s.describe(requirement.name(), requirement.kind(), version));
                if (found.isPresent()) {
                    source = s;
                    artifact = found.get();
                    return;
                }
            }
            throw PluginNotFoundException.locked(requirement, order.stream().map(PluginSource::name).toList(), version);
        }
    }
}
