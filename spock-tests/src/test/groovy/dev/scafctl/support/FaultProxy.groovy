package dev.scafctl.support

import java.nio.charset.StandardCharsets
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

/**
 * A proxy in front of the real registry that injects the faults a real registry will not produce
 * on demand. Each request is answered by the first {@link Rule} that matches it (and still has
 * uses left); unmatched requests are forwarded unchanged. Connections are not kept alive, so every
 * request is seen. It speaks plain HTTP on loopback, or TLS on any address when given a server
 * context (see {@link TestTls}): a registry that must be reached over TLS, or another host.
 */
class FaultProxy implements Closeable {
    final ServerSocket server
    final String bindHost
    final String upstreamHost
    final int upstreamPort
    final List<Rule> rules = new CopyOnWriteArrayList<>()
    final List<String> seen = new CopyOnWriteArrayList<>()
    /** Request heads as received (for checking what credentials were sent where). */
    final List<String> heads = new CopyOnWriteArrayList<>()
    /** Added to every forwarded request: a proxy standing for blob storage that trusts a signed URL, not our header. */
    final Map<String, String> addRequestHeaders = [:]
    private final CountDownLatch closing = new CountDownLatch(1)
    private final Set<Socket> open = Collections.newSetFromMap(new java.util.concurrent.ConcurrentHashMap<Socket, Boolean>())
    private volatile boolean closed

    FaultProxy(String upstreamHost, int upstreamPort, String bindHost = '127.0.0.1', javax.net.ssl.SSLContext tls = null) {
        this.upstreamHost = upstreamHost
        this.upstreamPort = upstreamPort
        this.bindHost = bindHost
        server = tls == null ? new ServerSocket(0, 50, InetAddress.getByName(bindHost))
                : tls.serverSocketFactory.createServerSocket(0, 50, InetAddress.getByName(bindHost))
        Thread.startDaemon('fault-proxy') {
            while (!closed) {
                Socket s
                try {
                    s = server.accept()
                } catch (IOException ignored) {
                    break
                }
                open << s
                Thread.startDaemon('fault-proxy-conn') {
                    try {
                        handle(s)
                    } catch (IOException ignored) {
                        // the client went away mid-answer: that is what some faults provoke
                    } finally {
                        open.remove(s)
                    }
                }
            }
        }
    }

    int getPort() { server.localPort }

    String getAddress() { "${bindHost}:${port}" }

    /** What to do with matching requests. */
    static class Rule {
        String method          // null: any
        String pathContains    // null: any
        String withHeader      // null: any; else only requests that carry this header (e.g. Authorization)
        int times = Integer.MAX_VALUE
        final AtomicInteger used = new AtomicInteger()
        Integer status         // answer with this status instead of forwarding
        Map<String, String> headers = [:]
        Long cutAfterBytes     // forward, but close the connection after this many response bytes
        Long cutAfterBodyBytes // forward the answer's head whole, then close the connection after this many body bytes
        Long stallMillis       // accept, then say nothing for this long (or until the proxy closes)
        Long stallAfterBytes   // with stallMillis: forward this many response bytes first, then stall
        byte[] body            // with status: the answer's body
        Long contentLength     // with status: the Content-Length announced instead of the body's (-1: none)
        Long streamBytes       // with status: after the body, this many more bytes (zeros), no Content-Length unless set
        Long trickleMillis     // with status: send the body one byte at a time, this long apart
        boolean trickleHead    // with trickleMillis: the answer's head too
        final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong()  // body bytes sent by this rule
        String redirectTo      // answer 307 to this base URL plus the request's path
        List<String> dropRequestHeaders = []   // forward without these (e.g. Range: a registry that ignores it)
        Long bytesPerSecond    // forward, but send the response no faster than this
        boolean reset          // read the request, then reset the connection (TCP RST) without an answer

        boolean matches(String m, String path, String head) {
            (method == null || method == m) && (pathContains == null || path.contains(pathContains)) && used.get() < times &&
                    (withHeader == null || head.toLowerCase().contains('\r\n' + withHeader.toLowerCase() + ':'))
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
            Rule rule = rules.find { it.matches(method, path, head) }
            if (rule != null) rule.used.incrementAndGet()
            if (rule?.reset) {
                client.setSoLinger(true, 0)
                return
            }
            if (rule?.stallMillis && rule.stallAfterBytes == null) {
                stall(rule.stallMillis)
                return
            }
            Integer status = rule?.status
            Map<String, String> answerHeaders = rule?.headers ?: [:]
            if (rule?.redirectTo) {
                answerHeaders = answerHeaders + [Location: rule.redirectTo + path]
                status = status ?: 307
            }
            if (status) {
                input.skipNBytes(Math.min(length, input.available() as long))
                answer(client.outputStream, rule, status, answerHeaders, method != 'HEAD')
                return
            }
            new Socket(upstreamHost, upstreamPort).withCloseable { up ->
                def dropped = ['connection'] + (rule?.dropRequestHeaders ?: [])*.toLowerCase()
                def kept = lines.findAll { l -> !dropped.any { l.toLowerCase().startsWith(it + ':') } }
                kept += addRequestHeaders.collect { k, v -> "${k}: ${v}".toString() }
                def rewritten = kept.join('\r\n') + '\r\nConnection: close\r\n\r\n'
                up.outputStream.write(rewritten.getBytes(StandardCharsets.ISO_8859_1))
                copy(input, up.outputStream, length)
                up.outputStream.flush()
                if (rule?.cutAfterBodyBytes != null) {
                    String answerHead = readHead(up.inputStream)
                    if (answerHead == null) return
                    client.outputStream.write((answerHead + '\r\n\r\n').getBytes(StandardCharsets.ISO_8859_1))
                    copy(up.inputStream, client.outputStream, rule.cutAfterBodyBytes)
                    client.outputStream.flush()
                    return
                }
                long limit = rule?.stallAfterBytes ?: rule?.cutAfterBytes ?: Long.MAX_VALUE
                if (rule?.bytesPerSecond) throttled(up.inputStream, client.outputStream, limit, rule.bytesPerSecond)
                else copy(up.inputStream, client.outputStream, limit)
                client.outputStream.flush()
                if (rule?.stallAfterBytes != null) stall(rule.stallMillis)
            }
        }
    }

    /** An injected answer: its head, its body, then what the rule streams or trickles; ends when the client goes away. */
    private void answer(OutputStream out, Rule rule, int status, Map<String, String> headers, boolean withBody) {
        byte[] body = rule.body ?: new byte[0]
        long announced = rule.contentLength != null ? rule.contentLength : rule.streamBytes != null ? -1 : body.length
        def extra = headers.collect { k, v -> "${k}: ${v}\r\n" }.join('')
        byte[] head = ("HTTP/1.1 ${status} Injected\r\n${extra}" + (announced >= 0 ? "Content-Length: ${announced}\r\n" : '')
                + 'Connection: close\r\n\r\n').getBytes(StandardCharsets.ISO_8859_1)
        if (rule.trickleMillis && rule.trickleHead) trickle(out, head, rule) else out.write(head)
        out.flush()
        if (!withBody) return
        if (rule.trickleMillis) {
            trickle(out, body, rule)
            rule.sent.addAndGet(body.length)
        } else {
            out.write(body)
            rule.sent.addAndGet(body.length)
        }
        if (rule.streamBytes != null) {
            byte[] zeros = new byte[65536]
            long left = rule.streamBytes
            while (left > 0 && !closed) {
                int n = (int) Math.min(zeros.length, left)
                out.write(zeros, 0, n)
                rule.sent.addAndGet(n)
                left -= n
            }
        }
        out.flush()
    }

    private void trickle(OutputStream out, byte[] bytes, Rule rule) {
        for (byte b : bytes) {
            if (closed) return
            out.write(b & 0xff)
            out.flush()
            stall(rule.trickleMillis)
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

    /** Says nothing for a while; closing the proxy ends every stall, so no test waits them out. */
    private void stall(long millis) {
        closing.await(millis, TimeUnit.MILLISECONDS)
    }

    /** How many requests so far matched {@code method} and contain {@code pathContains}. */
    int count(String method, String pathContains) {
        seen.count { it.startsWith(method + ' ') && it.contains(pathContains) } as int
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
        closing.countDown()
        server.close()
        open.each { try { it.close() } catch (IOException ignored) { } }
    }
}
