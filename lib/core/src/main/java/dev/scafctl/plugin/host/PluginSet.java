package dev.scafctl.plugin.host;

import dev.scafctl.event.EventListener;
import dev.scafctl.provider.Provider;
import dev.scafctl.provider.ProviderRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * The plugins of one run: started together, their providers registered together, stopped
 * together on {@link #close()}. A failure while starting stops the plugins already started.
 */
public final class PluginSet implements AutoCloseable {
    private final List<PluginClient> clients;

    private PluginSet(List<PluginClient> clients) {
        this.clients = List.copyOf(clients);
    }

    public static PluginSet empty() {
        return new PluginSet(List.of());
    }

    public static PluginSet start(List<PluginBinary> binaries, HostOptions options, EventListener listener) {
        List<PluginClient> started = new ArrayList<>();
        try {
            for (PluginBinary b : binaries) {
                started.add(PluginClient.start(b.name(), b.path(), b.kind(), options, listener));
            }
            return new PluginSet(started);
        } catch (RuntimeException e) {
            started.forEach(PluginClient::stop);
            throw e;
        }
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

    @Override
    public void close() {
        clients.forEach(PluginClient::stop);
    }
}
