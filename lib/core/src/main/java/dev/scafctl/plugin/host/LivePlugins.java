package dev.scafctl.plugin.host;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every plugin this JVM started and has not stopped yet, so that Ctrl-C (or any other exit
 * that runs shutdown hooks) still stops them: StopProvider for running calls, Shutdown, then force.
 */
final class LivePlugins {
    private static final Set<PluginClient> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;

    private LivePlugins() {
    }

    static void add(PluginClient client) {
        installHook();
        LIVE.add(client);
    }

    static void remove(PluginClient client) {
        LIVE.remove(client);
    }

    static synchronized void installHook() {
        if (hookInstalled) return;
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(LivePlugins::stopAll, "scafctl-plugin-stop"));
    }

    /** Stops the plugins still running, then ends the watchdog (see {@link Watchdog}). */
    private static void stopAll() {
        try {
            stopLive();
        } finally {
            Watchdog.closeShared();
        }
    }

    private static void stopLive() {
        List<Thread> stoppers = LIVE.stream()
                .map(c -> new Thread(c::stop, "stop-plugin-" + c.name()))
                .toList();
        stoppers.forEach(Thread::start);
        for (Thread t : stoppers) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
