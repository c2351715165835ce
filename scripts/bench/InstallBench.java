import dev.scafctl.Scafctl;
import dev.scafctl.plugin.Platform;
import dev.scafctl.solution.Solution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Installs a solution's plugins into an emptied cache in one warm JVM, all at once and then one
 * after another, alternating run by run; prints the two medians in milliseconds.
 * The JVM start and the catalog chain's set-up are outside the figure: this is the install itself.
 * Also prints this process's CPU time per install over the measured runs, and how many installs it
 * ran in all, so that the caller can add the registry's CPU time and see the machine's floor.
 * Usage: java InstallBench SOLUTION CACHE_DIR [N [W]]
 */
public class InstallBench {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        Path cache = Path.of(args[1]);
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Scafctl scafctl = Scafctl.create();
        Solution solution = scafctl.loadSolution(file);
        int all = solution.plugins().size();
        for (int i = 0; i < warmUp; i++) {
            once(scafctl, solution, cache, all);
            once(scafctl, solution, cache, 1);
        }
        cpuNanos = 0;
        double[] parallel = new double[n];
        double[] sequential = new double[n];
        for (int i = 0; i < n; i++) {
            parallel[i] = once(scafctl, solution, cache, all);
            sequential[i] = once(scafctl, solution, cache, 1);
        }
        double cpuMs = cpuNanos / 1e6 / (2.0 * n);
        Arrays.sort(parallel);
        Arrays.sort(sequential);
        System.out.printf("%.0f %.0f %.0f %d%n", parallel[n / 2], sequential[n / 2], cpuMs, 2 * (warmUp + n));
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** CPU time of the whole process (every thread, the JIT's too) while installs ran. */
    private static long cpuNanos;

    private static double once(Scafctl scafctl, Solution solution, Path cache, int jobs) {
        delete(cache);
        long cpu0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        scafctl.installPlugins(solution, List.of(Platform.current()), cache, false, jobs);
        double ms = (System.nanoTime() - t0) / 1e6;
        cpuNanos += OS.getProcessCpuTime() - cpu0;
        return ms;
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
