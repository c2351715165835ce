package dev.scafctl.plugin.host;

import dev.scafctl.event.Event;
import dev.scafctl.event.EventListener;
import dev.scafctl.provider.Redactor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drains one of a plugin's output pipes on its own thread, so the plugin never blocks on a full pipe.
 * On stdout it waits for the handshake line and remembers the first bytes (for "what was seen");
 * on stderr it turns every line into a {@link Event.PluginLog} and keeps the last lines.
 */
final class OutputCapture {
    private static final int FIRST_BYTES = 512;
    private static final int TAIL_LINES = 15;

    private final String plugin;
    private final boolean stderr;
    private final EventListener listener;
    private final CompletableFuture<String> firstLine = new CompletableFuture<>();
    private final ByteArrayOutputStream firstBytes = new ByteArrayOutputStream();
    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final InputStream in;
    private volatile Redactor redactor = Redactor.NONE;

    private OutputCapture(String plugin, boolean stderr, InputStream in, EventListener listener) {
        this.plugin = plugin;
        this.stderr = stderr;
        this.listener = listener;
        this.in = in;
    }

    static OutputCapture stdout(String plugin, InputStream in, EventListener listener) {
        return start(new OutputCapture(plugin, false, in, listener));
    }

    static OutputCapture stderr(String plugin, InputStream in, EventListener listener) {
        return start(new OutputCapture(plugin, true, in, listener));
    }

    private static OutputCapture start(OutputCapture c) {
        READERS.execute(c::pump);
        return c;
    }

    /** Pipe readers are pooled: a thread made per plugin start costs more than the start's own round trips. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scafctl-plugin-output");
        t.setDaemon(true);
        return t;
    });

    /** Completes with the first stdout line, or null when stdout ended without one. */
    CompletableFuture<String> firstLine() {
        return firstLine;
    }

    private void pump() {
        try {
            pumpLines();
        } finally {
            ended.complete(null);
        }
    }

    private void pumpLines() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (this) {
                    int room = FIRST_BYTES - firstBytes.size();
                    if (room > 0) firstBytes.write(buf, 0, Math.min(room, n));
                }
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        onLine(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else if (line.size() < 64 * 1024) {
                        line.write(buf[i]);
                    }
                }
            }
        } catch (IOException closed) {
            // the pipe closes when the plugin exits or is killed; nothing more to read
        }
        if (line.size() > 0) onLine(line.toString(StandardCharsets.UTF_8));
        firstLine.complete(null);
    }

    private void onLine(String text) {
        if (!stderr && !firstLine.isDone()) {
            firstLine.complete(text);
            return;
        }
        String readable = redactor.redact(LogLine.readable(text));
        synchronized (this) {
            tail.addLast(readable);
            if (tail.size() > TAIL_LINES) tail.removeFirst();
        }
        if (!readable.isBlank()) {
            listener.onEvent(new Event.PluginLog(plugin, stderr ? readable : "stdout: " + readable));
        }
    }

    /** Masks these secrets in every line from now on; lines already kept were read before the plugin had them. */
    void redactWith(Redactor r) {
        redactor = r;
    }

    /** Waits briefly for the pipe to reach its end, so messages include the plugin's last words. */
    void awaitEnd(long millis) {
        try {
            ended.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // still open: the message goes without the rest
        }
    }

    synchronized String firstBytes() {
        return firstBytes.toString(StandardCharsets.UTF_8);
    }

    synchronized String tail() {
        return String.join("\n", tail);
    }
}
