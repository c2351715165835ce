package dev.scafctl.plugin.sdk;

import java.util.Optional;

/**
 * Ends the plugin when its host is gone: a host killed with {@code kill -9} cannot stop its
 * plugins, so the plugin checks twice a second that the process that started it still runs.
 */
final class HostWatch {
    private HostWatch() {
    }

    static void start(Runnable onHostGone) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty()) return;
        long hostPid = parent.get().pid();
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                Optional<ProcessHandle> now = ProcessHandle.current().parent();
                if (now.isEmpty() || now.get().pid() != hostPid || !now.get().isAlive()) {
                    onHostGone.run();
                    return;
                }
            }
        }, "plugin-host-watch");
        t.setDaemon(true);
        t.start();
    }
}
