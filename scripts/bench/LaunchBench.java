import dev.scafctl.catalog.ArtifactKind;
import dev.scafctl.event.EventListener;
import dev.scafctl.plugin.host.HostOptions;
import dev.scafctl.plugin.host.PluginClient;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Launches a plugin and completes the handshake (health check, providers listed) N times in one
 * warm JVM, stopping it each time; prints the median milliseconds of those N. The JVM is warmed by
 * W starts first (default 100, about a second): after only a few, the host's code is still
 * interpreted and the JIT compiler competes with the plugin for the CPU.
 * Usage: java LaunchBench PLUGIN [N [W]]
 */
public class LaunchBench {
    public static void main(String[] args) {
        Path plugin = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        for (int i = 0; i < warmUp; i++) once(plugin);
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) ms[i] = once(plugin);
        Arrays.sort(ms);
        System.out.printf("%.1f%n", ms[n / 2]);
    }

    private static double once(Path plugin) {
        long t0 = System.nanoTime();
        PluginClient client = PluginClient.start("bench", plugin, ArtifactKind.PROVIDER, HostOptions.defaults(), EventListener.NONE);
        client.providers();
        double ms = (System.nanoTime() - t0) / 1e6;
        client.stop();
        return ms;
    }
}
