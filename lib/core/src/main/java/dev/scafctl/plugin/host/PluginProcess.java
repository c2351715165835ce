package dev.scafctl.plugin.host;

import dev.scafctl.catalog.ArtifactKind;
import dev.scafctl.event.EventListener;
import dev.scafctl.provider.Redactor;
import dev.scafctl.plugin.Platform;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** One launched plugin process: its handshake, its output, and the means to make it go away. */
final class PluginProcess {
    static final Set<Integer> APP_PROTOCOLS = Set.of(1);

    private final String name;
    private final Path binary;
    private final Process process;
    private final Path socketDir;
    private final OutputCapture stdout;
    private final OutputCapture stderr;
    private Handshake handshake;
    private final Watchdog watchdog;
    private boolean released;

    private PluginProcess(String name, Path binary, Process process, Path socketDir, boolean watched,
                          boolean groupLeader, EventListener listener) {
        this.name = name;
        this.watchdog = watched ? Watchdog.shared() : null;
        if (watchdog != null) watchdog.watch(process.pid(), socketDir, groupLeader);
        this.binary = binary.toAbsolutePath().normalize();
        this.process = process;
        this.socketDir = socketDir;
        this.stdout = OutputCapture.stdout(name, process.getInputStream(), listener);
        this.stderr = OutputCapture.stderr(name, process.getErrorStream(), listener);
        // a plugin that exits on its own no longer needs its watchdog
        process.onExit().thenRun(this::releaseWatchdog);
    }

    /**
     * Starts the binary and waits for a usable handshake line, or fails with what was seen. A
     * binary with a digest runs from a private copy hashed on the way (see {@link VerifiedCopy}).
     * Where {@code setsid} exists the plugin leads a process group of its own, so that whatever
     * it starts (and does not move to another group) ends with it.
     */
    static PluginProcess launch(PluginLaunch launch, HostOptions options, EventListener listener) {
        String name = launch.name();
        Path binary = launch.path();
        Platform platform = Platform.current();
        Path socketDir = createSocketDir(name);
        Path executable;
        try {
            executable = launch.digest() == null ? binary : VerifiedCopy.make(name, binary, launch.digest(), socketDir);
            BinaryCheck.check(name, executable, platform);
        } catch (RuntimeException e) {
            deleteQuietly(socketDir);
            throw e;
        }
        List<String> command = new ArrayList<>(ProcessGroups.launcher());
        command.add(executable.toAbsolutePath().toString());
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.remove("PLUGIN_CLIENT_CERT");
        var cookie = HostOptions.cookie(launch.kind());
        env.put(cookie.getKey(), cookie.getValue());
        env.put("PLUGIN_PROTOCOL_VERSIONS", "1");
        env.put("PLUGIN_MIN_PORT", "10000");
        env.put("PLUGIN_MAX_PORT", "25000");
        env.put("PLUGIN_UNIX_SOCKET_DIR", socketDir.toString());
        env.putAll(options.extraEnv());
        Process process;
        try {
            process = ProcessGroups.start(pb);
        } catch (IOException e) {
            deleteQuietly(socketDir);
            String why = e.getMessage();
            if (executable != binary && why != null && why.contains("error=13")) {
                throw new PluginException(name, "plugin " + name + ": cannot run the verified copy of " + binary
                        + " from " + socketDir + ": " + why, "the temp directory (" + socketDir.getParent()
                        + ") may be mounted noexec: point java.io.tmpdir elsewhere, e.g. SCAFCTL_JAVA_OPTS="
                        + "-Djava.io.tmpdir=$HOME/.cache/tmp");
            }
            throw new PluginException(name, "plugin " + name + ": cannot start " + binary + ": " + why,
                    PluginException.NOT_A_PLUGIN);
        }
        closeQuietly(process.getOutputStream()); // a plugin reads nothing from stdin: it sees end-of-file
        PluginProcess p = new PluginProcess(name, binary, process, socketDir, !platform.isWindows(),
                !ProcessGroups.launcher().isEmpty(), listener);
        try {
            p.awaitHandshake(options.startTimeout());
            if (p.handshake.isUnix() && p.watchdog != null) p.watchdog.socket(p.pid(), p.handshake.address());
            return p;
        } catch (RuntimeException e) {
            p.kill();
            throw e;
        }
    }

    private void awaitHandshake(Duration timeout) {
        String line;
        try {
            line = stdout.firstLine().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw failure("did not print its handshake within " + seconds(timeout),
                    PluginException.AUTHOR + "; on a slow machine, raise " + HostOptions.START_TIMEOUT_ENV + " (seconds)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("start was interrupted", null);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (line == null) {
            boolean exited = waitFor(Duration.ofSeconds(2));
            stderr.awaitEnd(1000);
            String said = stderr.tail();
            String next = said.contains("This binary is a plugin")
                    ? "it refused scafctl's magic cookie, so it is not a scafctl plugin of this kind (another "
                            + "tool's plugin, or another kind of scafctl plugin): check the path and the declared kind"
                    : PluginException.AUTHOR;
            throw failure(exited ? "exited with code " + process.exitValue() + " before its handshake"
                    : "closed its stdout before its handshake", next);
        }
        try {
            handshake = Handshake.parse(line, APP_PROTOCOLS);
        } catch (Handshake.Invalid e) {
            boolean looksLikeHandshake = line.chars().filter(c -> c == '|').count() >= 3;
            throw failure(looksLikeHandshake ? "printed an unusable handshake: " + e.getMessage()
                            : "printed something other than a go-plugin handshake on stdout",
                    looksLikeHandshake ? "the plugin must be rebuilt for this scafctl: " + PluginException.AUTHOR
                            : "if it is a plugin, it wrote on stdout before its handshake: " + PluginException.AUTHOR
                            + "; otherwise " + PluginException.NOT_A_PLUGIN);
        }
        // go-plugin's own client ignores short leftovers in this field from old servers, so do we
        if (handshake.serverCert().length() > 50) {
            throw failure("answered with a TLS certificate, but scafctl asked for no TLS (PLUGIN_CLIENT_CERT unset)"
                    + " and does not speak TLS to plugins", "the plugin must serve without TLS: " + PluginException.AUTHOR);
        }
    }

    private PluginException failure(String what, String nextStep) {
        stderr.awaitEnd(process.isAlive() ? 200 : 1000);
        StringBuilder msg = new StringBuilder("plugin " + name + " (" + binary + ") " + what);
        if (process.isAlive() && !what.startsWith("exited")) {
            msg.append("; it was still running and has been stopped");
        } else if (!process.isAlive() && !what.startsWith("exited")) {
            msg.append("; exit code ").append(process.exitValue());
        }
        String out = stdout.firstBytes();
        msg.append(out.isEmpty() ? "; stdout: nothing" : "; stdout began: " + quote(out));
        String err = stderr.tail();
        msg.append(err.isBlank() ? "; stderr: nothing" : "; stderr ended with:\n" + indent(err));
        return new PluginException(name, msg.toString(), nextStep);
    }

    private static String quote(String s) {
        String shown = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        StringBuilder b = new StringBuilder("\"");
        shown.codePoints().forEach(c -> {
            if (c == '\n') b.append("\\n");
            else if (c == '\t') b.append("\\t");
            else if (c < 0x20 || c == 0xfffd) b.append('?');
            else b.appendCodePoint(c);
        });
        return b.append('"').toString();
    }

    private static String indent(String s) {
        return "  " + s.replace("\n", "\n  ");
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    String name() {
        return name;
    }

    Path binary() {
        return binary;
    }

    Handshake handshake() {
        return handshake;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit; true when it did. */
    boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** The exit code, or null while it runs. */
    Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    void redactWith(Redactor redactor) {
        stdout.redactWith(redactor);
        stderr.redactWith(redactor);
    }

    String stderrTail() {
        stderr.awaitEnd(500);
        return stderr.tail();
    }

    /** Waits {@code grace} for an exit the plugin was asked for, then kills it. */
    void stop(Duration grace) {
        if (!waitFor(grace)) {
            kill();
        } else {
            cleanUp();
        }
    }

    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(5));
        cleanUp();
    }

    private void cleanUp() {
        releaseWatchdog();
        deleteQuietly(socketDir);
        // go-plugin before 1.5 ignores PLUGIN_UNIX_SOCKET_DIR and leaves its socket in the temp
        // directory when killed; only a socket there is removed, whatever path the plugin announced
        if (handshake != null && handshake.isUnix()) {
            try {
                Path socket = Path.of(handshake.address()).toAbsolutePath().normalize();
                Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
                var attrs = Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
                if (attrs.isOther() && socket.getParent() != null && socket.getParent().equals(tmp)) {
                    Files.deleteIfExists(socket);
                }
            } catch (IOException | RuntimeException ignored) {
                // already gone, or not ours to remove
            }
        }
    }

    /** Tells the watchdog the host is done with this plugin, so it no longer stands ready to kill it. */
    synchronized void releaseWatchdog() {
        if (released || watchdog == null) return;
        released = true;
        watchdog.done(process.pid());
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing was written to it
        }
    }

    private static Path createSocketDir(String name) {
        try {
            // short and private: a Unix socket path must stay under about 100 bytes
            return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "scafctl-plugin-");
        } catch (IOException e) {
            throw new PluginException(name, "plugin " + name + ": cannot create a socket directory in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), "check that the temp directory is writable");
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp directory
                }
            });
        } catch (IOException ignored) {
            // best effort: a temp directory
        }
    }
}
