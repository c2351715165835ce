package dev.scafctl.plugin.wire

import io.grpc.CallOptions
import io.grpc.ClientCall
import io.grpc.Metadata
import io.grpc.Status
import io.grpc.StatusRuntimeException
import io.grpc.stub.ClientCalls
import spock.lang.AutoCleanup
import spock.lang.Specification

import java.nio.file.Files
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

import static dev.scafctl.plugin.wire.TestService.*

/** Our channel against a real grpc-java server: sizes, streams, statuses, deadlines, limits, cancellation, closing. */
class WireChannelSpec extends Specification {
    @AutoCleanup
    TestService service = new TestService()
    @AutoCleanup
    WireChannel channel = WireChannel.tcp(service.address(), 64 << 20)

    private byte[] unary(io.grpc.MethodDescriptor<byte[], byte[]> method, byte[] request, CallOptions options = CallOptions.DEFAULT) {
        ClientCalls.blockingUnaryCall(channel, method, options, request)
    }

    def "a unary call carries #size bytes there and back"() {
        given: 'a request of that size'
        byte[] request = new byte[size]
        new Random(size).nextBytes(request)

        expect: 'the echo is the same bytes'
        unary(ECHO, request) == request

        where: 'sizes around a frame, beyond the peer\'s first windows, and beyond our own'
        size << [0, 1, 16_379, 16_384, 70_000, 1_000_000, 5_000_000, 20_000_000]
    }

    def "a response of #size bytes arrives whole"() {
        when: 'the server sends it'
        byte[] response = unary(SIZED, text(String.valueOf(size)))

        then: 'every byte is there'
        response.length == size
        (0..<size).every { response[it] == (byte) (it * 31) }

        where:
        size << [0, 16_384, 100_000, 9_000_000]
    }

    def "a server stream of #n messages is delivered in order"() {
        when: 'the stream is read to its end'
        def messages = ClientCalls.blockingServerStreamingCall(channel, STREAM, CallOptions.DEFAULT, text(String.valueOf(n))).collect { text(it) }

        then: 'all of them, in order'
        messages == (0..<n).collect { String.valueOf(it) }

        where:
        n << [0, 1, 5_000]
    }

    def "status #code with the message '#message' arrives as the server sent it (trailers only)"() {
        when: 'the server fails the call before any response'
        unary(FAIL, text("${code.value()}|$message"))

        then: 'the status and its percent-decoded message'
        def e = thrown(StatusRuntimeException)
        e.status.code == code
        e.status.description == message

        where:
        code                      | message
        Status.Code.UNIMPLEMENTED | 'no such provider'
        Status.Code.INTERNAL      | '100% broken: ünïcödé, 日本'
        Status.Code.NOT_FOUND     | 'two\nlines'
    }

    def "a deadline ends the call DEADLINE_EXCEEDED and the server sees it cancelled"() {
        when: 'a call the server never answers runs with a 300 ms deadline'
        long t0 = System.nanoTime()
        unary(HANG, new byte[0], CallOptions.DEFAULT.withDeadlineAfter(300, TimeUnit.MILLISECONDS))

        then: 'it ends in time with DEADLINE_EXCEEDED'
        def e = thrown(StatusRuntimeException)
        e.status.code == Status.Code.DEADLINE_EXCEEDED
        (System.nanoTime() - t0) / 1e6 < 3_000

        and: 'the server heard the cancellation'
        service.cancelled.await(5, TimeUnit.SECONDS)
    }

    def "a message over the inbound limit fails RESOURCE_EXHAUSTED, and the connection goes on"() {
        given: 'a channel that accepts at most 1 KiB per message'
        def small = WireChannel.tcp(service.address(), 1024)

        when: 'the server sends 2 KiB'
        ClientCalls.blockingUnaryCall(small, SIZED, CallOptions.DEFAULT, text('2048'))

        then: 'the call is refused'
        def e = thrown(StatusRuntimeException)
        e.status.code == Status.Code.RESOURCE_EXHAUSTED

        and: 'the next call on the same channel works'
        ClientCalls.blockingUnaryCall(small, ECHO, CallOptions.DEFAULT, text('again')) == text('again')

        cleanup:
        small?.close()
    }

    def "cancelling a server stream after its first message ends it CANCELLED"() {
        given: 'a stream of a million messages'
        def closed = new CompletableFuture<Status>()
        ClientCall<byte[], byte[]> call = channel.newCall(STREAM, CallOptions.DEFAULT)
        call.start(new ClientCall.Listener<byte[]>() {
            void onMessage(byte[] m) { call.cancel('enough', null) }

            void onClose(Status s, Metadata t) { closed.complete(s) }
        }, new Metadata())

        when: 'it is started and cancelled on the first message'
        call.request(1)
        call.sendMessage(text('1000000'))
        call.halfClose()
        def status = closed.get(10, TimeUnit.SECONDS)

        then: 'the listener hears CANCELLED with the reason'
        status.code == Status.Code.CANCELLED
        status.description == 'enough'

        and: 'the connection still serves calls'
        unary(ECHO, text('after')) == text('after')
    }

    def "messages are delivered only as far as they were requested, and the close after the last"() {
        given: 'a stream of 10 messages with 3 requested'
        def received = new java.util.concurrent.CopyOnWriteArrayList<String>()
        def closed = new CompletableFuture<Status>()
        ClientCall<byte[], byte[]> call = channel.newCall(STREAM, CallOptions.DEFAULT)
        call.start(new ClientCall.Listener<byte[]>() {
            void onMessage(byte[] m) { received << text(m) }

            void onClose(Status s, Metadata t) { closed.complete(s) }
        }, new Metadata())
        call.request(3)
        call.sendMessage(text('10'))
        call.halfClose()

        when: 'the server has sent everything'
        Thread.sleep(300)

        then: 'three arrived, and the call is not closed while messages wait'
        received == ['0', '1', '2']
        !closed.done

        when: 'the rest is requested'
        call.request(7)

        then: 'all ten, then OK'
        closed.get(5, TimeUnit.SECONDS).ok
        received == (0..9)*.toString()
    }

    def "listener callbacks run on the call's executor"() {
        given: 'an executor that runs tasks on a thread of its own name'
        def pool = java.util.concurrent.Executors.newSingleThreadExecutor { r -> new Thread(r, 'caller-executor') }
        def threads = new java.util.concurrent.CopyOnWriteArraySet<String>()
        def closed = new CompletableFuture<Status>()
        ClientCall<byte[], byte[]> call = channel.newCall(ECHO, CallOptions.DEFAULT.withExecutor(pool))

        when: 'a call runs'
        call.start(new ClientCall.Listener<byte[]>() {
            void onHeaders(Metadata h) { threads << Thread.currentThread().name }

            void onMessage(byte[] m) { threads << Thread.currentThread().name }

            void onClose(Status s, Metadata t) { threads << Thread.currentThread().name; closed.complete(s) }
        }, new Metadata())
        call.request(1)
        call.sendMessage(text('x'))
        call.halfClose()

        then: 'every callback ran there'
        closed.get(5, TimeUnit.SECONDS).ok
        threads == ['caller-executor'] as Set

        cleanup:
        pool.shutdownNow()
    }

    def "fifty calls at once all get their own answer"() {
        when: 'they run concurrently'
        def futures = (1..50).collect { i -> CompletableFuture.supplyAsync { text(unary(ECHO, text("call $i"))) } }

        then: 'each answer matches its call'
        futures*.get(30, TimeUnit.SECONDS) == (1..50).collect { "call $it".toString() }
    }

    def "a socket nobody listens on fails calls UNAVAILABLE at once"() {
        given: 'a channel to a socket path that does not exist'
        def dir = Files.createTempDirectory('wire-')
        def nowhere = WireChannel.unix(dir.resolve('missing.sock'), 1024)

        when: 'a call is made, waiting for ready'
        ClientCalls.blockingUnaryCall(nowhere, ECHO, CallOptions.DEFAULT.withWaitForReady()
                .withDeadlineAfter(5, TimeUnit.SECONDS), text('x'))

        then: 'it is UNAVAILABLE, which the host retries'
        def e = thrown(StatusRuntimeException)
        e.status.code == Status.Code.UNAVAILABLE

        cleanup:
        nowhere?.close()
        dir?.toFile()?.deleteDir()
    }

    def "closing the channel fails open calls UNAVAILABLE and ends the reader thread at once"() {
        given: 'a call the server never answers'
        def closed = new CompletableFuture<Status>()
        ClientCall<byte[], byte[]> call = channel.newCall(HANG, CallOptions.DEFAULT)
        call.start(new ClientCall.Listener<byte[]>() {
            void onClose(Status s, Metadata t) { closed.complete(s) }
        }, new Metadata())
        call.request(1)
        call.sendMessage(new byte[0])
        call.halfClose()
        service.cancelled.count == 1

        when: 'the channel is closed'
        long t0 = System.nanoTime()
        channel.close()
        def status = closed.get(5, TimeUnit.SECONDS)

        then: 'the call ends UNAVAILABLE'
        status.code == Status.Code.UNAVAILABLE

        and: 'no reader thread is left, blocked or not'
        readerThreadsGone(":${service.server.port}")
        (System.nanoTime() - t0) / 1e6 < 1_000
    }

    private static boolean readerThreadsGone(String port) {
        for (int i = 0; i < 100; i++) {
            if (!Thread.allStackTraces.keySet().any { it.name.startsWith('scafctl-wire-reader') && it.name.endsWith(port) && it.alive }) return true
            Thread.sleep(5)
        }
        false
    }
}
