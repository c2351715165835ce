package dev.scafctl.plugin.host;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes plugins die with their host, even when the host is killed with {@code kill -9} and a
 * plugin (a Go one, say) does not watch its parent. One small {@code /bin/sh} process per JVM, the
 * watcher, holds the read end of a pipe from the host; it is started with the first plugin and
 * every line to it is written from a thread of its own, so no plugin start waits for a shell.
 * Plugins themselves are executed directly and keep their own process ids, output and exit codes.
 * <p>
 * The host tells the watcher, one line each: {@code watch PID DIR} for a plugin it started and the
 * private directory it gave it (its socket and the verified copy of its binary), or {@code group
 * PID DIR} for one that leads a process group of its own, {@code socket PID PATH} for the socket the plugin announced,
 * and {@code done PID} once the plugin has exited or been stopped: then whatever is left of its
 * process group (a child it started in the background) is killed. End-of-file only happens when the
 * host exits: with nothing left to watch the watcher just ends; with plugins still watched the host
 * died, and the watcher sends them and their groups TERM, KILL two seconds later, and removes their
 * sockets and private directories, which a killed go-plugin plugin leaves behind.
 */
final class Watchdog {
    static final String NAME = "scafctl-plugin-watchdog";

    // Only the host writes these lines, but the watcher still takes a process id that is not all
    // digits as noise; paths are read raw and only ever used quoted. INT is ignored: Ctrl-C reaches
    // the whole process group, and the host then stops its plugins itself.
    private static final String SCRIPT = String.join("\n",
            "trap '' INT",
            "nl='",
            "'",
            "watched= sockets= groups=",
            "drop() {",
            "  rest=$watched watched=",
            "  while [ -n \"$rest\" ]; do",
            "    line=${rest%%\"$nl\"*} rest=${rest#*\"$nl\"}",
            "    case $line in \"$1 \"*) ;; *) watched=$watched$line$nl ;; esac",
            "  done",
            "  rest=$sockets sockets=",
            "  while [ -n \"$rest\" ]; do",
            "    line=${rest%%\"$nl\"*} rest=${rest#*\"$nl\"}",
            "    case $line in \"$1 \"*) ;; *) sockets=$sockets$line$nl ;; esac",
            "  done",
            "  case \" $groups \" in *\" $1 \"*)",
            "    kill -s KILL -- \"-$1\" 2>/dev/null",
            "    rest=$groups groups=",
            "    for g in $rest; do [ \"$g\" = \"$1\" ] || groups=\"$groups $g\"; done ;;",
            "  esac",
            "}",
            "while read -r cmd pid arg; do",
            "  case $pid in ''|*[!0-9]*) continue ;; esac",
            "  case $cmd in",
            "    watch) watched=$watched$pid' '$arg$nl ;;",
            "    group) watched=$watched$pid' '$arg$nl groups=\"$groups $pid\" ;;",
            "    socket) sockets=$sockets$pid' '$arg$nl ;;",
            "    done) drop \"$pid\" ;;",
            "  esac",
            "done",
            "[ -n \"$watched\" ] || exit 0",
            "pids= rest=$watched",
            "while [ -n \"$rest\" ]; do",
            "  line=${rest%%\"$nl\"*} rest=${rest#*\"$nl\"}",
            "  pid=${line%% *}",
            "  kill -s TERM \"$pid\" 2>/dev/null",
            "  pids=\"$pids $pid\"",
            "done",
            "for g in $groups; do kill -s TERM -- \"-$g\" 2>/dev/null; done",
            "n=0",
            "while [ $n -lt 20 ]; do",
            "  alive=",
            "  for pid in $pids; do kill -s 0 \"$pid\" 2>/dev/null && alive=1; done",
            "  for g in $groups; do kill -s 0 -- \"-$g\" 2>/dev/null && alive=1; done",
            "  [ -n \"$alive\" ] || break",
            "  sleep 0.1; n=$((n+1))",
            "done",
            "for pid in $pids; do kill -s KILL \"$pid\" 2>/dev/null; done",
            "for g in $groups; do kill -s KILL -- \"-$g\" 2>/dev/null; done",
            "rest=$sockets",
            "while [ -n \"$rest\" ]; do",
            "  line=${rest%%\"$nl\"*} rest=${rest#*\"$nl\"}",
            "  path=${line#* }",
            "  if [ -S \"$path\" ]; then rm -f \"$path\"; fi",
            "done",
            "rest=$watched",
            "while [ -n \"$rest\" ]; do",
            "  line=${rest%%\"$nl\"*} rest=${rest#*\"$nl\"}",
            "  rm -rf \"${line#* }\"",
            "done",
            "");

    private static Watchdog shared;

    /** Writes the lines in order; the first task starts the watcher. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, NAME);
        t.setDaemon(true);
        return t;
    });
    private Process watcher;
    private boolean startFailed;

    private Watchdog() {
    }

    /** The JVM's watchdog (not used on Windows, where plugins run unwatched). */
    static synchronized Watchdog shared() {
        if (shared == null) {
            shared = new Watchdog();
            LivePlugins.installHook(); // it ends the watcher at exit, after the plugins are stopped
        }
        return shared;
    }

    /** Ends the JVM's watcher, if one was started; for the exit, once every plugin is stopped. */
    static void closeShared() {
        Watchdog w;
        synchronized (Watchdog.class) {
            w = shared;
            shared = null;
        }
        if (w != null) w.close();
    }

    static List<String> command() {
        return List.of("/bin/sh", "-c", SCRIPT, NAME);
    }

    /**
     * @param leader the plugin leads a process group of its own (started through {@code setsid}):
     *               the whole group is ended with it, whatever the plugin started and left behind
     */
    void watch(long pid, Path socketDir, boolean leader) {
        send((leader ? "group " : "watch ") + pid + " " + socketDir);
    }

    void socket(long pid, String path) {
        send("socket " + pid + " " + path);
    }

    /** The host has stopped the plugin itself (or seen it exit): the watcher forgets it. */
    void done(long pid) {
        send("done " + pid);
    }

    private void send(String line) {
        if (line.indexOf('\n') >= 0) throw new IllegalArgumentException("a watchdog line holds no line break: " + line);
        try {
            writer.execute(() -> write(line));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the host is exiting and has already ended the watcher
        }
    }

    private void write(String line) {
        Process w = watcher();
        if (w == null) return;
        try {
            OutputStream in = w.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException gone) {
            // the watcher was killed: plugins stay unwatched, the host still stops them on every exit it sees
        }
    }

    /** On the writer thread only. */
    private Process watcher() {
        if (watcher == null && !startFailed) {
            try {
                watcher = new ProcessBuilder(command())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                startFailed = true; // no /bin/sh: plugins run unwatched, as on Windows
            }
        }
        return watcher;
    }

    /**
     * Writes what is queued, closes the pipe and waits (briefly) for the watcher to exit, so that
     * no thread of the JVM is still waiting on it when the JVM exits.
     */
    private void close() {
        var closing = writer.submit(() -> {
            if (watcher == null) return;
            try {
                watcher.getOutputStream().close();
            } catch (IOException gone) {
                // already ended
            }
            try {
                if (!watcher.waitFor(1, TimeUnit.SECONDS)) watcher.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.shutdown();
        try {
            closing.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the exit goes on; the watcher ends on its own when the JVM's end of the pipe closes
        }
    }
}
