package dev.scafctl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether progress is drawn as bars: only for a person at a terminal, since pipes and CI logs want
 * no carriage returns. {@code SCAFCTL_PROGRESS=bar} or {@code =plain} decides it instead (a spec, a
 * screen recording, a log that should stay plain on a terminal); {@code TERM=dumb} means plain.
 */
final class Terminal {
    static final String PROGRESS = "SCAFCTL_PROGRESS";

    private Terminal() {
    }

    static boolean drawsBars(Map<String, String> env) {
        String forced = env.getOrDefault(PROGRESS, "auto");
        if (forced.equals("bar")) return true;
        if (forced.equals("plain") || "dumb".equals(env.get("TERM"))) return false;
        return stderrIsTerminal();
    }

    /**
     * Java 17 cannot ask whether stderr is a terminal; on Linux, descriptor 2 links to the terminal
     * device it writes to. Elsewhere, {@link System#console()}: stdin and stdout are a terminal.
     */
    private static boolean stderrIsTerminal() {
        try {
            String device = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
