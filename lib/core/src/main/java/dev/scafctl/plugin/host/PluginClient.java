package dev.scafctl.plugin.host;

import com.google.common.util.concurrent.ListenableFuture;
import dev.scafctl.catalog.ArtifactKind;
import dev.scafctl.event.Event;
import dev.scafctl.event.EventListener;
import dev.scafctl.proto.provider.ConfigureProviderResponse;
import dev.scafctl.proto.provider.DescriptorRules;
import dev.scafctl.proto.provider.GetProviderDescriptorRequest;
import dev.scafctl.proto.provider.GetProviderDescriptorResponse;
import dev.scafctl.proto.provider.GetProvidersRequest;
import dev.scafctl.proto.provider.GetProvidersResponse;
import dev.scafctl.proto.provider.PluginServiceGrpc;
import dev.scafctl.proto.provider.StopProviderRequest;
import dev.scafctl.provider.Provider;
import dev.scafctl.provider.ProviderDescriptor;
import dev.scafctl.provider.Redactor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running plugin: started, health-checked and configured by {@link #start}, its providers
 * available through {@link #providers()}, stopped by {@link #stop()} (Shutdown, a grace period,
 * then force). A JVM shutdown hook stops every client that is still running.
 */
public final class PluginClient implements AutoCloseable {
    /** The scafctl plugin protocol version sent in ConfigureProvider. */
    static final int PROVIDER_PROTOCOL_VERSION = 2;

    private final PluginProcess process;
    private final PluginConnection connection;
    private final HostOptions options;
    private final EventListener listener;
    private final Map<String, ProviderDescriptor> descriptors = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final java.util.Set<String> extractingDependencies = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    /** Every sensitive input value this plugin has been given: its logs may repeat one at any time. */
    private volatile Redactor logRedactor = Redactor.NONE;

    private PluginClient(PluginProcess process, PluginConnection connection, HostOptions options, EventListener listener) {
        this.process = process;
        this.connection = connection;
        this.options = options;
        this.listener = listener;
    }

    /**
     * Launches {@code binary}, checks its health, lists its providers, reads and caches their
     * descriptors and configures each once.
     *
     * @param name how messages and logs name the plugin, e.g. its name in bundle.plugins
     * @throws PluginException naming the plugin, the binary, what was seen and who should fix it
     */
    public static PluginClient start(String name, Path binary, ArtifactKind kind, HostOptions options, EventListener listener) {
        return start(new PluginLaunch(name, binary, kind), options, listener);
    }

    /**
     * Launches a plugin as {@link #start(String, Path, ArtifactKind, HostOptions, EventListener)} does;
     * with the launch's digest, what runs is a private copy whose bytes hashed to it.
     */
    public static PluginClient start(PluginLaunch launch, HostOptions options, EventListener listener) {
        String name = launch.name();
        ArtifactKind kind = launch.kind();
        if (kind != ArtifactKind.PROVIDER) {
            throw new PluginException(name, "plugin " + name + " is a " + kind.id() + " plugin; this host runs provider plugins",
                    "declare it with kind: provider, or remove it from bundle.plugins");
        }
        long started = System.nanoTime();
        PluginProcess process = PluginProcess.launch(launch, options, listener);
        PluginConnection connection = PluginConnection.dial(process.handshake());
        PluginClient client = new PluginClient(process, connection, options, listener);
        LivePlugins.add(client);
        try {
            Duration left = options.startTimeout().minusNanos(System.nanoTime() - started);
            client.handshakeOverGrpc(left.isNegative() ? Duration.ofSeconds(1) : left);
            return client;
        } catch (RuntimeException e) {
            client.stop();
            throw e;
        }
    }

    /**
     * The calls that do not depend on each other go out together, so the start costs two round
     * trips after the connection instead of four: the provider list rides along with the health
     * check, and every provider's describe and configure go out at once.
     */
    private void handshakeOverGrpc(Duration timeout) {
        ListenableFuture<HealthCheckResponse> health = connection.checkHealthAsync(healthAttempt(timeout.toNanos()));
        ListenableFuture<GetProvidersResponse> listing = futureStub(timeout).withWaitForReady()
                .getProviders(GetProvidersRequest.getDefaultInstance());
        // the output stream opens while the first answers are on their way; a plugin that fails its
        // health check is stopped, and its stream with it
        connection.forwardStdio((stderr, data) -> {
            for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) listener.onEvent(new Event.PluginLog(name(), logRedactor.redact(LogLine.readable(line))));
            }
        });
        try {
            awaitHealthy(health, timeout);
        } catch (RuntimeException e) {
            listing.cancel(true);
            throw e;
        }
        List<String> names;
        try {
            names = result(listing).getProviderNamesList();
        } catch (StatusRuntimeException e) {
            throw broken("while listing its providers", e);
        }
        if (names.isEmpty()) {
            throw new PluginException(name(), "plugin " + name() + " (" + binary() + ") serves no providers",
                    PluginException.AUTHOR);
        }
        Map<String, ListenableFuture<GetProviderDescriptorResponse>> described = new LinkedHashMap<>();
        Map<String, ListenableFuture<ConfigureProviderResponse>> configured = new LinkedHashMap<>();
        for (String provider : names) {
            described.put(provider, futureStub(timeout).getProviderDescriptor(
                    GetProviderDescriptorRequest.newBuilder().setProviderName(provider).build()));
            configured.put(provider, futureStub(timeout).configureProvider(
                    options.providerConfig().toWire(provider, PROVIDER_PROTOCOL_VERSION)));
        }
        try {
            for (String provider : names) {
                descriptors.put(provider, readDescriptor(provider, described.get(provider)));
                checkConfigured(provider, configured.get(provider));
            }
        } finally {
            described.values().forEach(f -> f.cancel(true));
            configured.values().forEach(f -> f.cancel(true));
        }
    }

    /** The answer of an asynchronous call, its failure as the StatusRuntimeException a blocking call throws. */
    private static <T> T result(ListenableFuture<T> call) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            throw Status.fromThrowable(e.getCause()).asRuntimeException();
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
        }
    }

    /** One health check's deadline: what is left of the start's, at most half a second. */
    private static Duration healthAttempt(long leftNanos) {
        return Duration.ofNanos(Math.max(1_000_000, Math.min(leftNanos, 500_000_000L)));
    }

    /**
     * Short attempts, so a plugin that dies after its handshake fails the start at once, not at
     * the timeout; the first attempt is already under way.
     */
    private void awaitHealthy(ListenableFuture<HealthCheckResponse> first, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            PluginConnection.requireServing(result(first));
            return;
        } catch (StatusRuntimeException e) {
            if (!process.isAlive() || deadline - System.nanoTime() <= 0) throw broken("during its health check", e);
        }
        while (true) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PluginException(name(), "plugin " + name() + ": start was interrupted", null);
            }
            long left = deadline - System.nanoTime();
            try {
                connection.checkHealth(healthAttempt(left));
                return;
            } catch (StatusRuntimeException e) {
                if (!process.isAlive() || deadline - System.nanoTime() <= 0) {
                    throw broken("during its health check", e);
                }
            }
        }
    }

    private ProviderDescriptor readDescriptor(String provider, ListenableFuture<GetProviderDescriptorResponse> call) {
        try {
            var wire = result(call).getProviderDescriptor();
            // the Go scafctl checks every descriptor before it registers the provider; so does this host
            DescriptorRules.refusal(wire).ifPresent(reason -> {
                throw new PluginException(name(), "plugin " + name() + " (" + binary() + ") describes provider " + provider
                        + " in a way scafctl refuses: " + reason, PluginException.AUTHOR);
            });
            ProviderDescriptor d = Descriptors.fromWire(wire, provider, origin());
            if (wire.getHasExtractDependencies()) extractingDependencies.add(provider);
            if (!d.name().equals(provider)) {
                throw new PluginException(name(), "plugin " + name() + " lists provider '" + provider
                        + "' but describes it as '" + d.name() + "'", PluginException.AUTHOR);
            }
            return d;
        } catch (StatusRuntimeException e) {
            throw broken("while describing provider " + provider, e);
        }
    }

    private void checkConfigured(String provider, ListenableFuture<ConfigureProviderResponse> call) {
        ConfigureProviderResponse response;
        try {
            response = result(call);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) return; // plugins from before configuration existed
            throw broken("while configuring provider " + provider, e);
        }
        if (!response.getError().isEmpty()) {
            throw new PluginException(name(), "plugin " + name() + " refused the configuration of provider " + provider
                    + ": " + response.getError(), PluginException.AUTHOR);
        }
    }

    public String name() {
        return process.name();
    }

    public Path binary() {
        return process.binary();
    }

    /** The process id of the plugin. */
    public long pid() {
        return process.pid();
    }

    /** Where the plugin serves, as it announced: {@code unix:/path/to/socket} or {@code tcp:127.0.0.1:port}. */
    public String address() {
        return process.handshake().network() + ":" + process.handshake().address();
    }

    /** "plugin NAME (PATH)": how descriptors and clash errors name this plugin. */
    public String origin() {
        return "plugin " + name() + " (" + binary() + ")";
    }

    /** Provider names in the order the plugin reported them. */
    public List<String> providerNames() {
        return List.copyOf(descriptors.keySet());
    }

    public ProviderDescriptor descriptor(String provider) {
        return descriptors.get(provider);
    }

    /** One engine {@link Provider} per provider the plugin serves. */
    public List<Provider> providers() {
        List<Provider> list = new ArrayList<>();
        descriptors.values().forEach(d -> list.add(new PluginProvider(this, d)));
        return list;
    }

    public boolean isRunning() {
        return !stopped && process.isAlive();
    }

    /**
     * Stops the plugin: StopProvider for calls still running, Shutdown, up to the grace period
     * (2 s) for it to exit, then a forced kill. Idempotent.
     */
    public void stop() {
        synchronized (this) {
            if (stopped) return;
            stopped = true;
        }
        LivePlugins.remove(this);
        try {
            if (process.isAlive()) {
                running.forEach((provider, count) -> {
                    if (count.get() > 0) stopProvider(provider);
                });
                connection.requestShutdown(options.stopGrace());
            }
            process.stop(options.stopGrace());
        } finally {
            connection.close();
        }
    }

    /** Stops without asking: for a plugin whose connection broke. */
    private void kill() {
        synchronized (this) {
            if (stopped) return;
            stopped = true;
        }
        LivePlugins.remove(this);
        try {
            process.kill();
        } finally {
            connection.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void stopProvider(String provider) {
        try {
            stub(Duration.ofSeconds(1)).stopProvider(StopProviderRequest.newBuilder().setProviderName(provider).build());
        } catch (StatusRuntimeException ignored) {
            // the plugin is about to be shut down either way
        }
    }

    PluginServiceGrpc.PluginServiceBlockingStub stub(Duration timeout) {
        return connection.plugin().withDeadlineAfter(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    /**
     * For the start's small calls: their answers complete on the connection's reader thread, which
     * saves a hand-over to another thread on each (their listeners only complete a future).
     */
    private PluginServiceGrpc.PluginServiceFutureStub futureStub(Duration timeout) {
        return connection.pluginAsync().withExecutor(com.google.common.util.concurrent.MoreExecutors.directExecutor())
                .withDeadlineAfter(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    PluginServiceGrpc.PluginServiceBlockingStub stub() {
        return connection.plugin();
    }

    /** For provider calls: bounded, so a plugin that never answers cannot hang the host. */
    PluginServiceGrpc.PluginServiceBlockingStub callStub() {
        return stub(options.callTimeout());
    }

    /** The error for a call that outlived the call timeout; the plugin is stopped, since its state is unknown. */
    PluginException timedOut(String provider) {
        stop();
        return new PluginException(name(), "plugin " + name() + " (" + binary() + ") did not answer provider "
                + provider + " within " + seconds(options.callTimeout()) + "; the plugin was stopped",
                "if the provider really needs longer, raise " + HostOptions.CALL_TIMEOUT_ENV
                        + " (seconds); otherwise report the hang to the plugin's author");
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return (ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0)) + " s";
    }

    boolean hasExtractDependencies(String provider) {
        return extractingDependencies.contains(provider);
    }

    synchronized void rememberSecrets(Redactor redactor) {
        logRedactor = logRedactor.plus(redactor);
        process.redactWith(logRedactor);
    }

    void callStarted(String provider) {
        running.computeIfAbsent(provider, p -> new AtomicInteger()).incrementAndGet();
    }

    void callEnded(String provider) {
        running.computeIfAbsent(provider, p -> new AtomicInteger()).decrementAndGet();
    }

    /**
     * The error for a failed gRPC call: a crash (with its exit code) when the process is gone,
     * otherwise a broken connection. Either way the plugin is no longer trusted and is stopped.
     *
     * @param during e.g. "while running provider echo"
     */
    PluginException broken(String during, StatusRuntimeException e) {
        boolean wasStopped = stopped;
        // a crashing plugin closes its socket a moment before the process is reaped
        boolean exited = wasStopped ? !process.isAlive() : process.waitFor(Duration.ofSeconds(1));
        String tail = logRedactor.redact(process.stderrTail());
        String what = wasStopped ? "was stopped" : exited ? "crashed with exit code " + process.exitCode() : "failed";
        StringBuilder msg = new StringBuilder("plugin " + name() + " (" + binary() + ") " + what + " " + during
                + " (" + describe(e) + ")");
        if (!tail.isBlank()) msg.append("; stderr ended with:\n  ").append(tail.replace("\n", "\n  "));
        kill();
        return new PluginException(name(), msg.toString(), PluginException.AUTHOR);
    }

    static String describe(StatusRuntimeException e) {
        Status s = e.getStatus();
        return "gRPC " + s.getCode() + (s.getDescription() == null ? "" : ": " + s.getDescription());
    }
}
