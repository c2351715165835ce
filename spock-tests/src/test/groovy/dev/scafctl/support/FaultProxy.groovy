package dev.scafctl.support

import java.nio.charset.StandardCharsets
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger

/**
 * A plain-HTTP proxy in front of the real registry that injects the faults a real registry will
 * not produce on demand. Each request is answered by the first {@link Rule} that matches it
 * (and still has uses left); unmatched requests are forwarded unchanged. Connections are not
 * kept alive, so every request is seen.
 */
class FaultProxy implements Closeable {
    final ServerSocket server
    final String upstreamHost
    final int upstreamPort
    final List<Rule> rules = new CopyOnWriteArrayList<>()
    final List<String> seen = new CopyOnWriteArrayList<>()
    /** Request heads as received (for checking what credentials were sent where). */
    final List<String> heads = new CopyOnWriteArrayList<>()
    private volatile boolean closed

    FaultProxy(String upstreamHost, int upstreamPort) {
        this.upstreamHost = upstreamHost
        this.upstreamPort = upstreamPort
        server = new ServerSocket(0, 50, InetAddress.getByName('127.0.0.1'))
        Thread.startDaemon('fault-proxy') {
            while (!closed) {
                Socket s
                try {
                    s = server.accept()
                } catch (IOException ignored) {
                    break
                }
                Thread.startDaemon('fault-proxy-conn') { handle(s) }
            }
        }
    }

    int getPort() { server.localPort }

    String getAddress() { "127.0.0.1:${port}" }

    /** What to do with matching requests. */
    static class Rule {
        String method          // null: any
        String pathContains    // null: any
        int times = Integer.MAX_VALUE
        final AtomicInteger used = new AtomicInteger()
        Integer status         // answer with this status instead of forwarding
        Map<String, String> headers = [:]
        Long cutAfterBytes     // forward, but close the connection after this many response bytes
        Long stallMillis       // accept, then say nothing for this long
        Long bytesPerSecond    // forward, but send the response no faster than this

        boolean matches(String m, String path) {
            (method == null || method == m) && (pathContains == null || path.contains(pathContains)) && used.get() < times
        }
    }

    Rule rule(Map args) {
        def r = new Rule(args)
        rules << r
        r
    }

    private void handle(Socket client) {
        client.withCloseable {
            def input = new BufferedInputStream(client.inputStream)
            String head = readHead(input)
            if (head == null) return
            heads << head
            def lines = head.split('\r\n')
            def (method, path) = lines[0].split(' ')
            seen << "${method} ${path}".toString()
            long length = (lines.find { it.toLowerCase().startsWith('content-length:') }?.split(':', 2)?.getAt(1)?.trim() ?: '0') as long
            Rule rule = rules.find { it.matches(method, path) }
            if (rule != null) rule.used.incrementAndGet()
            if (rule?.stallMillis) {
                Thread.sleep(rule.stallMillis)
                return
            }
            if (rule?.status) {
                input.skipNBytes(Math.min(length, input.available() as long))
                def out = client.outputStream
                def extra = rule.headers.collect { k, v -> "${k}: ${v}\r\n" }.join('')
                out.write(("HTTP/1.1 ${rule.status} Injected\r\n${extra}Content-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1))
                out.flush()
                return
            }
            new Socket(upstreamHost, upstreamPort).withCloseable { up ->
                def rewritten = lines.findAll { !it.toLowerCase().startsWith('connection:') }.join('\r\n') + '\r\nConnection: close\r\n\r\n'
                up.outputStream.write(rewritten.getBytes(StandardCharsets.ISO_8859_1))
                copy(input, up.outputStream, length)
                up.outputStream.flush()
                long limit = rule?.cutAfterBytes ?: Long.MAX_VALUE
                if (rule?.bytesPerSecond) throttled(up.inputStream, client.outputStream, limit, rule.bytesPerSecond)
                else copy(up.inputStream, client.outputStream, limit)
                client.outputStream.flush()
            }
        }
    }

    private static String readHead(InputStream in) {
        def buf = new ByteArrayOutputStream()
        int state = 0
        while (true) {
            int b = in.read()
            if (b < 0) return null
            buf.write(b)
            state = (b == 13 && (state == 0 || state == 2)) ? state + 1 : (b == 10 && (state == 1 || state == 3)) ? state + 1 : 0
            if (state == 4) return buf.toString('ISO-8859-1').trim()
        }
    }

    private static void copy(InputStream from, OutputStream to, long max) {
        byte[] b = new byte[65536]
        long left = max
        while (left > 0) {
            int n = from.read(b, 0, (int) Math.min(b.length, left))
            if (n < 0) break
            to.write(b, 0, n)
            left -= n
        }
    }

    /** Like copy, in small chunks, sleeping whenever it is ahead of the rate. */
    private static void throttled(InputStream from, OutputStream to, long max, long bytesPerSecond) {
        byte[] b = new byte[16384]
        long left = max
        long sent = 0
        long start = System.nanoTime()
        while (left > 0) {
            int n = from.read(b, 0, (int) Math.min(b.length, left))
            if (n < 0) break
            to.write(b, 0, n)
            to.flush()
            left -= n
            sent += n
            long dueNanos = (long) (sent * 1e9 / bytesPerSecond)
            long aheadMillis = (long) ((dueNanos - (System.nanoTime() - start)) / 1e6)
            if (aheadMillis > 0) Thread.sleep(aheadMillis)
        }
    }

    void close() {
        closed = true
        server.close()
    }
}
