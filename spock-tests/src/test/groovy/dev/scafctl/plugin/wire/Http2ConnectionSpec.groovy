package dev.scafctl.plugin.wire

import io.grpc.CallOptions
import io.grpc.Status
import io.grpc.StatusRuntimeException
import io.grpc.stub.ClientCalls
import spock.lang.Specification

import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

import static dev.scafctl.plugin.wire.FakePeer.Conn.*
import static dev.scafctl.plugin.wire.TestService.ECHO
import static dev.scafctl.plugin.wire.TestService.text

/** The HTTP/2 side of our channel against a scripted peer: frame shapes, control frames and faults. */
class Http2ConnectionSpec extends Specification {
    FakePeer peer
    WireChannel channel

    def cleanup() {
        channel?.close()
        peer?.close()
    }

    private byte[] call(List<Closure> scripts, byte[] request = text('hi'), CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)) {
        peer = new FakePeer(scripts)
        channel = WireChannel.tcp(peer.address(), 1 << 20)
        ClientCalls.blockingUnaryCall(channel, ECHO, options, request)
    }

    def "a response in padded, split and interleaved frames arrives whole, and control frames are answered"() {
        given: 'a peer that pings, sends an unknown frame, splits its headers and pads its data'
        def pingAck = new CompletableFuture<byte[]>()
        def script = { FakePeer.Conn c ->
            c.settings()
            c.request()
            byte[] ping = [1, 2, 3, 4, 5, 6, 7, 8] as byte[]
            c.send(Http2.PING, 0, 0, ping)
            c.send(0xfa, 0, 0, text('unknown frame type'))
            c.send(Http2.PRIORITY, 0, 1, [0, 0, 0, 0, 16] as byte[])
            byte[] headers = block([[':status', '200'], ['content-type', 'application/grpc+proto'], ['x-note', 'n' * 40]])
            def first = new ByteArrayOutputStream()
            first.write(3)                           // pad length
            first.write([0, 0, 0, 0, 16] as byte[])  // priority
            first.write(headers, 0, 10)
            first.write(new byte[3])
            c.send(Http2.HEADERS, Http2.FLAG_PADDED | Http2.FLAG_PRIORITY, 1, first.toByteArray())
            c.send(Http2.CONTINUATION, 0, 1, Arrays.copyOfRange(headers, 10, 20))
            c.send(Http2.CONTINUATION, Http2.FLAG_END_HEADERS, 1, Arrays.copyOfRange(headers, 20, headers.length))
            byte[] msg = message(text('hello, world'))
            def padded = new ByteArrayOutputStream()
            padded.write(5)
            padded.write(msg, 0, 7)
            padded.write(new byte[5])
            c.send(Http2.DATA, Http2.FLAG_PADDED, 1, padded.toByteArray())
            c.send(Http2.DATA, 0, 1, Arrays.copyOfRange(msg, 7, msg.length))
            c.send(Http2.HEADERS, Http2.FLAG_END_HEADERS | Http2.FLAG_END_STREAM, 1, block([['grpc-status', '0']]))
            pingAck.complete(c.await { it.type() == Http2.PING && it.has(Http2.FLAG_ACK) }.payload())
        }

        when: 'the call is made'
        def response = call([script])

        then: 'the message is whole'
        text(response) == 'hello, world'

        and: 'the ping came back with its payload'
        pingAck.get(5, TimeUnit.SECONDS) == [1, 2, 3, 4, 5, 6, 7, 8] as byte[]
        peer.failures.empty
    }

    def "RST_STREAM with error #code ends the call #expected"() {
        given: 'a peer that resets the stream'
        def script = { FakePeer.Conn c ->
            c.request()
            c.send(Http2.RST_STREAM, 0, 1, ints(code))
            c.await { false }
        }

        when: 'the call is made'
        call([script])

        then: 'the status gRPC maps the code to'
        def e = thrown(StatusRuntimeException)
        e.status.code == expected

        where:
        code                    || expected
        Http2.REFUSED_STREAM    || Status.Code.UNAVAILABLE
        Http2.CANCEL            || Status.Code.CANCELLED
        Http2.ENHANCE_YOUR_CALM || Status.Code.RESOURCE_EXHAUSTED
        Http2.INTERNAL_ERROR    || Status.Code.INTERNAL
    }

    def "HTTP status #http without grpc-status ends the call #expected"() {
        given: 'a peer that answers like a plain web server'
        def script = { FakePeer.Conn c ->
            c.request()
            c.send(Http2.HEADERS, Http2.FLAG_END_HEADERS | Http2.FLAG_END_STREAM, 1,
                    block([[':status', String.valueOf(http)], ['content-type', 'text/plain']]))
            c.await { false }
        }

        when: 'the call is made'
        call([script])

        then: 'the status of gRPC\'s HTTP mapping'
        def e = thrown(StatusRuntimeException)
        e.status.code == expected

        where:
        http || expected
        400  || Status.Code.INTERNAL
        401  || Status.Code.UNAUTHENTICATED
        404  || Status.Code.UNIMPLEMENTED
        503  || Status.Code.UNAVAILABLE
        500  || Status.Code.UNKNOWN
    }

    def "a compressed message is refused with INTERNAL and the stream is reset"() {
        given: 'a peer that sends a message with the compressed flag'
        def reset = new CompletableFuture<Integer>()
        def script = { FakePeer.Conn c ->
            c.request()
            c.send(Http2.HEADERS, Http2.FLAG_END_HEADERS, 1, block([[':status', '200'], ['content-type', 'application/grpc']]))
            c.send(Http2.DATA, 0, 1, message(text('squeezed'), 1))
            reset.complete(c.await { it.type() == Http2.RST_STREAM }.intAt(0))
        }

        when: 'the call is made'
        call([script])

        then: 'the call fails, saying why'
        def e = thrown(StatusRuntimeException)
        e.status.code == Status.Code.INTERNAL
        e.status.description.contains('compressed')

        and: 'the peer is told to stop (CANCEL)'
        reset.get(5, TimeUnit.SECONDS) == Http2.CANCEL
    }

    def "the peer's small windows and frame size bound what is sent, until it opens them"() {
        given: 'a peer that allows 10 bytes per stream and records the DATA frames'
        def sizes = []
        def settingsAcked = new CompletableFuture<Boolean>()
        def script = { FakePeer.Conn c ->
            c.settings(Http2.SETTINGS_INITIAL_WINDOW_SIZE, 10)
            c.await { it.type() == Http2.SETTINGS && it.has(Http2.FLAG_ACK) }
            settingsAcked.complete(true)
            int total = 0
            while (total < 5 + 100) {
                Frame f = c.await { it.type() == Http2.DATA }
                sizes << f.payload().length
                total += f.payload().length
                c.send(Http2.WINDOW_UPDATE, 0, 1, ints(f.payload().length))
                c.send(Http2.WINDOW_UPDATE, 0, 0, ints(f.payload().length))
            }
            c.ok(1, text('done'))
        }
        peer = new FakePeer([script])
        channel = WireChannel.tcp(peer.address(), 1 << 20)
        settingsAcked.get(5, TimeUnit.SECONDS)

        when: 'a 100-byte message is sent'
        def response = ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), new byte[100])

        then: 'it went out in pieces no larger than the window'
        text(response) == 'done'
        sizes.every { it <= 10 }
        sizes.sum() == 105
    }

    def "data the listener has not asked for is not given back to the peer's window until it is delivered"() {
        given: 'a peer that streams 20 MiB of messages and counts the window it gets back for the stream'
        int count = 1280
        def returned = new java.util.concurrent.atomic.AtomicLong()
        def sent = new CompletableFuture<Boolean>()
        def finish = new java.util.concurrent.CountDownLatch(1)
        def script = { FakePeer.Conn c ->
            c.request()
            Thread.start {
                try {
                    while (true) {
                        Frame f = c.reader.read()
                        if (f.type() == Http2.WINDOW_UPDATE && f.streamId() == 1) returned.addAndGet(f.intAt(0))
                    }
                } catch (IOException ignored) {
                }
            }
            c.send(Http2.HEADERS, Http2.FLAG_END_HEADERS, 1, block([[':status', '200'], ['content-type', 'application/grpc']]))
            byte[] all = new ByteArrayOutputStream().withCloseable { out ->
                count.times { out.write(message(new byte[16_384])) }
                out.toByteArray()
            }
            for (int at = 0; at < all.length; at += 16_384) {
                c.send(Http2.DATA, 0, 1, Arrays.copyOfRange(all, at, Math.min(all.length, at + 16_384)))
            }
            sent.complete(true)
            finish.await()
            c.send(Http2.HEADERS, Http2.FLAG_END_HEADERS | Http2.FLAG_END_STREAM, 1, block([['grpc-status', '0']]))
            c.await { false }
        }
        peer = new FakePeer([script])
        channel = WireChannel.tcp(peer.address(), 1 << 20)
        def received = new java.util.concurrent.atomic.AtomicInteger()
        def closed = new CompletableFuture<Status>()
        def call = channel.newCall(TestService.STREAM, CallOptions.DEFAULT)
        call.start(new io.grpc.ClientCall.Listener<byte[]>() {
            void onMessage(byte[] m) { received.incrementAndGet() }

            void onClose(Status st, io.grpc.Metadata t) { closed.complete(st) }
        }, new io.grpc.Metadata())
        call.sendMessage(text('go'))
        call.halfClose()

        when: 'everything has been sent and nothing requested'
        sent.get(10, TimeUnit.SECONDS)
        Thread.sleep(300)

        then: 'nothing was delivered, and no window came back for the stream'
        received.get() == 0
        returned.get() == 0

        when: 'the listener asks for all of it'
        call.request(Integer.MAX_VALUE)

        then: 'every message arrives, and the window comes back as they are taken'
        new spock.util.concurrent.PollingConditions(timeout: 10).eventually {
            assert received.get() == count
            assert returned.get() >= Http2Connection.RECEIVE_WINDOW / 2
        }

        when: 'the peer ends the call'
        finish.countDown()

        then: 'it closes OK'
        closed.get(5, TimeUnit.SECONDS).ok
    }

    def "GOAWAY refuses the calls it leaves out, and the next call dials a new connection"() {
        given: 'a first connection that goes away before answering, and a second that answers'
        def goAway = { FakePeer.Conn c ->
            c.request()
            c.send(Http2.GOAWAY, 0, 0, ints(0, Http2.NO_ERROR))
            c.await { false }
        }
        def answer = { FakePeer.Conn c ->
            c.request()
            c.ok(1, text('second connection'))
            c.await { false }
        }

        when: 'a call is made on the first connection'
        call([goAway, answer])

        then: 'it is refused UNAVAILABLE'
        def e = thrown(StatusRuntimeException)
        e.status.code == Status.Code.UNAVAILABLE

        and: 'the next call goes over a new connection'
        text(ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), text('again'))) == 'second connection'
    }

    def "a peer that closes the connection mid-call fails the call UNAVAILABLE"() {
        given: 'a peer that reads the request and hangs up'
        def script = { FakePeer.Conn c ->
            c.request()
            c.socket.close()
        }

        when: 'the call is made'
        call([script])

        then: 'UNAVAILABLE'
        def e = thrown(StatusRuntimeException)
        e.status.code == Status.Code.UNAVAILABLE
    }

    def "a peer that breaks the protocol fails the call INTERNAL and gets a GOAWAY"() {
        given: 'a peer that sends CONTINUATION out of place'
        def code = new CompletableFuture<Integer>()
        def script = { FakePeer.Conn c ->
            c.request()
            c.send(Http2.CONTINUATION, Http2.FLAG_END_HEADERS, 1, new byte[0])
            code.complete(c.await { it.type() == Http2.GOAWAY }.intAt(4))
        }

        when: 'the call is made'
        call([script])

        then: 'INTERNAL, naming the protocol'
        def e = thrown(StatusRuntimeException)
        e.status.code == Status.Code.INTERNAL
        e.status.description.contains('HTTP/2')

        and: 'the peer was told PROTOCOL_ERROR'
        code.get(5, TimeUnit.SECONDS) == Http2.PROTOCOL_ERROR
    }
}
