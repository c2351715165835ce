package dev.scafctl.plugin.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a plugin is put in a process group of its own, and started. The JDK cannot call
 * {@code setsid} between fork and exec, so the plugin is executed through the {@code setsid}
 * program (util-linux, on every Linux distribution); it execs the plugin in place, so the process
 * the host holds is the plugin itself and its pid is the group's id. Where there is no
 * {@code setsid} (macOS, Windows) plugins share the host's group, and only the children that
 * are still the plugin's descendants when it is stopped are ended with it.
 */
final class ProcessGroups {
    private static final List<String> LAUNCHER = find();
    /** Text file busy: the JDK's forks briefly hold every open descriptor, a just-written copy's included. */
    private static final int BUSY_ATTEMPTS = 50;

    private ProcessGroups() {
    }

    /** The words put in front of a plugin's path: {@code setsid}, or nothing. */
    static List<String> launcher() {
        return LAUNCHER;
    }

    private static List<String> find() {
        if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) return List.of();
        for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(p))) return List.of(p);
        }
        return List.of();
    }

    /**
     * Starts the process. A binary that was just written (the verified copy) can be refused with
     * "text file busy" while another thread's fork still holds its write descriptor, for the moment
     * until that child execs; that refusal is retried briefly, anything else is thrown.
     */
    static Process start(ProcessBuilder pb) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return pb.start();
            } catch (IOException e) {
                String m = e.getMessage();
                if (attempt >= BUSY_ATTEMPTS || m == null || !m.contains("error=26")) throw e;
                try {
                    Thread.sleep(2);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
