package dev.scafctl.cli;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JVM's start-up cache: a class-data-sharing archive (JDK 17 to 24) or an AOT cache (JDK 25
 * and later, JEP 483 and 514) of the classes that a solution run, a blob fetch and a plugin start
 * load, made from a training run ({@link Training}) in JVMs of their own. It takes a third to a
 * half off every start.
 *
 * <p>The launcher (./scafctl) and the JBang headers choose one file per JDK, hand it to the JVM
 * ({@code -XX:SharedArchiveFile} or {@code -XX:AOTCache}) and name it in {@value #FILE}. On the
 * first start that finds it missing, or made for another class path or JDK, this class makes it
 * and says so on stderr; that start runs without it, every later one with it. Beside the file, a
 * stamp holds what it was made for: the JDK, and each jar's path, size and time, which is what the
 * JVM checks before it maps the file. The JVM refuses a file that does not match it, so a stamp
 * that misjudges costs speed, never correctness; a file made by another JDK is never used.
 *
 * <p>A static archive, not a dynamic one, on JDK 17: only a static archive takes picocli's classes,
 * which are compiled for Java 5.
 */
final class StartupCache {
    /** The file the JVM was handed. */
    static final String FILE = "scafctl.startup.cache";
    /**
     * The {@code java.home} that the file was named for, when the name was chosen by another JVM
     * (JBang's, which may start the CLI on another JDK): a file named for one JDK is made by no other.
     */
    static final String JDK = "scafctl.startup.jdk";
    private static final long TRAINING_TIMEOUT_SECONDS = 300;

    private StartupCache() {
    }

    /**
     * Makes the start-up cache this JVM was handed, unless the stamp says it was made for this
     * class path and JDK; never fails the command. A training that fails is not tried again before
     * the next build, so that no start after it waits for it; where the cache cannot be written at
     * all (a read-only install), nothing is tried and nothing said.
     */
    static void prepare() {
        String file = System.getProperty(FILE);
        if (file == null) return;
        String namedFor = System.getProperty(JDK);
        if (namedFor != null && !new File(namedFor).equals(new File(System.getProperty("java.home")))) return;
        Path cache = Path.of(file).toAbsolutePath();
        // concat, not +: a concatenation's first run spins classes at run time (20 ms), and this one runs on every start
        File stamp = new File(cache.toString().concat(".stamp"));
        String fingerprint = fingerprint();
        if (fingerprint.equals(read(stamp))) return;
        try {
            Files.createDirectories(cache.getParent());
        } catch (IOException e) {
            return;
        }
        if (!Files.isWritable(cache.getParent())) return;
        System.err.println("scafctl: preparing the start-up cache (once per build)...");
        try {
            make(cache);
        } catch (IOException | RuntimeException e) {
            System.err.println("scafctl: no start-up cache until the next build: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            Files.writeString(stamp.toPath(), fingerprint, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the next start tries again
        }
    }

    /** The JDK, and each class path entry's path, size and modification time (0 and 0 when missing). */
    static String fingerprint() {
        // java.io rather than java.nio.file: on every start, the fewer classes the cheaper
        StringBuilder s = new StringBuilder()
                .append(System.getProperty("java.home")).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n');
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(entry);
            s.append(entry).append(' ').append(f.length()).append(' ').append(f.lastModified()).append('\n');
        }
        return s.toString();
    }

    private static String read(File file) {
        try (FileInputStream in = new FileInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Runs the training and writes the cache under a temporary name, then moves it into place, so
     * a JVM never maps half a file and two first starts at once each write their own.
     */
    private static void make(Path cache) throws IOException, InterruptedException {
        String tmp = cache + "." + ProcessHandle.current().pid() + ".tmp";
        Path classList = Path.of(tmp + ".classes");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<String> jvm = new ArrayList<>(List.of(java));
        jvm.addAll(trainingOptions());
        try {
            if (Runtime.version().feature() >= 25) {
                // one step (JEP 514): the training JVM records as it exits, then a child JVM assembles the cache
                run(with(jvm, "-XX:AOTCacheOutput=" + tmp, "-cp", cp, Training.class.getName()));
            } else {
                run(with(jvm, "-Xshare:off", "-XX:DumpLoadedClassList=" + classList, "-cp", cp, Training.class.getName()));
                run(List.of(java, "-Xshare:dump", "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + tmp, "-cp", cp));
            }
            Files.move(Path.of(tmp), cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            throw new IOException("the training run wrote no cache (" + e.getFile() + ")", e);
        } finally {
            Files.deleteIfExists(Path.of(tmp));
            Files.deleteIfExists(Path.of(tmp + ".config"));   // the JDK 25 recording, had the assembly failed
            Files.deleteIfExists(classList);
        }
    }

    /**
     * This JVM's own options, so the training runs as the commands will (the same collector, heap
     * and compiler thresholds), less those that name a cache or its log: the training makes one.
     */
    private static List<String> trainingOptions() {
        List<String> options = new ArrayList<>();
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!(option.startsWith("-XX:SharedArchiveFile") || option.startsWith("-XX:AOT")
                    || option.startsWith("-XX:ArchiveClassesAtExit") || option.startsWith("-XX:+AutoCreateSharedArchive")
                    || option.startsWith("-Xshare") || option.startsWith("-Xlog") || option.startsWith("-Dscafctl.startup."))) {
                options.add(option);
            }
        }
        return options;
    }

    private static List<String> with(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }

    /** Runs one step of the training, its output discarded (the training run prints a solution's values). */
    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.getOutputStream().close();
        if (!p.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("the training run took over " + TRAINING_TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0) throw new IOException("the training run exited with " + p.exitValue());
    }
}
