package dev.scafctl.plugin.wire

import java.nio.ByteBuffer
import java.nio.channels.ServerSocketChannel
import java.nio.channels.SocketChannel
import java.util.concurrent.CopyOnWriteArrayList

/**
 * An HTTP/2 server that plays a script, frame by frame, for the faults and frame shapes a real
 * gRPC server will not produce on demand. Each accepted connection runs the next script.
 */
class FakePeer implements AutoCloseable {
    final ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress('127.0.0.1', 0))
    final List<Throwable> failures = new CopyOnWriteArrayList<>()
    private final Thread thread

    FakePeer(List<Closure> scripts) {
        thread = Thread.start('fake-http2-peer') {
            try {
                for (Closure each : scripts) {
                    Closure script = each // a variable per connection: the loop's own is shared by every closure
                    SocketChannel socket = server.accept()
                    Thread.start {
                        try {
                            script.call(new Conn(socket))
                        } catch (Throwable t) {
                            failures << t
                        }
                    }
                }
            } catch (IOException ignored) {
                // closed
            }
        }
    }

    String address() {
        "127.0.0.1:${server.socket().localPort}"
    }

    @Override
    void close() {
        server.close()
    }

    static class Conn {
        final SocketChannel socket
        final FrameWriter writer
        FrameReader reader

        Conn(SocketChannel socket) {
            this.socket = socket
            this.writer = new FrameWriter(socket)
            ByteBuffer preface = ByteBuffer.allocate(24)
            while (preface.hasRemaining()) {
                if (socket.read(preface) < 0) throw new EOFException('no preface')
            }
            assert preface.array() == Http2.PREFACE
            reader = new FrameReader(socket, 1 << 24)
        }

        /** Frames until one matches, returning it. */
        Frame await(Closure<Boolean> wanted) {
            while (true) {
                Frame f = reader.read()
                if (wanted(f)) return f
            }
        }

        /** The request's frames up to its END_STREAM; returns its DATA payloads. */
        List<byte[]> request() {
            List<byte[]> data = []
            while (true) {
                Frame f = reader.read()
                if (f.type() == Http2.DATA) data << f.payload()
                if ((f.type() == Http2.DATA || f.type() == Http2.HEADERS) && f.has(Http2.FLAG_END_STREAM)) return data
            }
        }

        void send(int type, int flags, int stream, byte[] payload) {
            synchronized (writer) {
                writer.frame(type, flags, stream, payload)
                writer.flush()
            }
        }

        void settings(int... pairs) {
            synchronized (writer) {
                writer.settings(pairs)
                writer.flush()
            }
        }

        static byte[] block(List<List<String>> fields) {
            HpackEncoder.encode(fields.collect { new HeaderField(it[0], it[1]) })
        }

        static byte[] message(byte[] body, int flag = 0) {
            def out = new ByteArrayOutputStream()
            out.write(flag)
            out.write(ByteBuffer.allocate(4).putInt(body.length).array())
            out.write(body)
            out.toByteArray()
        }

        static byte[] ints(int... words) {
            def b = ByteBuffer.allocate(words.length * 4)
            words.each { b.putInt(it) }
            b.array()
        }

        void ok(int stream, byte[] body) {
            send(Http2.HEADERS, Http2.FLAG_END_HEADERS, stream, block([[':status', '200'], ['content-type', 'application/grpc']]))
            send(Http2.DATA, 0, stream, message(body))
            send(Http2.HEADERS, Http2.FLAG_END_HEADERS | Http2.FLAG_END_STREAM, stream, block([['grpc-status', '0']]))
        }
    }
}
