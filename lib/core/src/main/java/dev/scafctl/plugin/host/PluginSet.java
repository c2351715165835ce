package dev.scafctl.plugin.host;

import dev.scafctl.event.EventListener;
import dev.scafctl.provider.Provider;
import dev.scafctl.provider.ProviderRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The plugins of one run: started together, their providers registered together, stopped
 * together on {@link #close()}. A failure while starting stops the plugins already started.
 */
public final class PluginSet implements AutoCloseable {
    // daemon threads: starting or stopping plugins must never keep the JVM alive
    private static final Executor STARTER = task -> {
        Thread t = new Thread(task, "plugin-start");
        t.setDaemon(true);
        t.start();
    };

    private final List<PluginClient> clients;

    private PluginSet(List<PluginClient> clients) {
        this.clients = List.copyOf(clients);
    }

    public static PluginSet empty() {
        return new PluginSet(List.of());
    }

    /**
     * Starts the binaries in parallel (a JVM plugin takes about a second to come up); when one
     * fails, the others are stopped and the first failure, in the order given, is thrown.
     */
    public static PluginSet start(List<PluginLaunch> binaries, HostOptions options, EventListener listener) {
        List<CompletableFuture<PluginClient>> starting = new ArrayList<>();
        for (PluginLaunch b : binaries) {
            starting.add(CompletableFuture.supplyAsync(
                    () -> PluginClient.start(b, options, listener), STARTER));
        }
        List<PluginClient> started = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<PluginClient> f : starting) {
            try {
                started.add(f.join());
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            started.forEach(PluginClient::stop);
            throw failure;
        }
        return new PluginSet(started);
    }

    /**
     * Adds every plugin provider to {@code registry}; a name already taken (by a built-in or
     * another plugin) is an error naming both.
     */
    public ProviderRegistry registerInto(ProviderRegistry registry) {
        for (PluginClient client : clients) {
            for (Provider p : client.providers()) {
                registry.register(p);
            }
        }
        return registry;
    }

    public List<PluginClient> clients() {
        return clients;
    }

    /** Stops every plugin, in parallel: each may take its grace period to exit. */
    @Override
    public void close() {
        CompletableFuture.allOf(clients.stream()
                        .map(c -> CompletableFuture.runAsync(c::stop, STARTER))
                        .toArray(CompletableFuture[]::new))
                .join();
    }
}
