import dev.scafctl.oci.Digest;

import java.nio.file.Files;
import java.nio.file.Path;

/** Hashes a file the way the plugin cache verifies a binary; prints the median throughput of several runs. */
public class VerifyBench {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long size = Files.size(file);
        Digest.of(file); // warm-up: JIT and page cache
        double[] mbs = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Digest.of(file);
            mbs[i] = size / ((System.nanoTime() - t0) / 1e9) / 1e6;
        }
        java.util.Arrays.sort(mbs);
        System.out.printf("%.0f%n", mbs[runs / 2]);
    }
}
