package dev.scafctl.plugin.wire

import io.grpc.Context
import io.grpc.MethodDescriptor
import io.grpc.Server
import io.grpc.ServerServiceDefinition
import io.grpc.Status
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder
import io.grpc.stub.ServerCalls
import io.grpc.stub.StreamObserver

import java.nio.charset.StandardCharsets
import java.util.concurrent.CountDownLatch

/**
 * A real grpc-java server (Netty, from the test class path) on loopback TCP, with methods over raw
 * bytes: echo, a response of a given size, a stream of N messages, a given status, and one that
 * never answers and counts its cancellations.
 */
class TestService implements AutoCloseable {
    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<byte[]>() {
        InputStream stream(byte[] value) { new ByteArrayInputStream(value) }

        byte[] parse(InputStream s) { s.readAllBytes() }
    }
    static final MethodDescriptor<byte[], byte[]> ECHO = method('Echo', MethodDescriptor.MethodType.UNARY)
    static final MethodDescriptor<byte[], byte[]> SIZED = method('Sized', MethodDescriptor.MethodType.UNARY)
    static final MethodDescriptor<byte[], byte[]> FAIL = method('Fail', MethodDescriptor.MethodType.UNARY)
    static final MethodDescriptor<byte[], byte[]> HANG = method('Hang', MethodDescriptor.MethodType.UNARY)
    static final MethodDescriptor<byte[], byte[]> STREAM = method('Stream', MethodDescriptor.MethodType.SERVER_STREAMING)

    final CountDownLatch cancelled = new CountDownLatch(1)
    final Server server

    static MethodDescriptor<byte[], byte[]> method(String name, MethodDescriptor.MethodType type) {
        MethodDescriptor.newBuilder(BYTES, BYTES).setType(type).setFullMethodName("test.Wire/$name").build()
    }

    static byte[] text(String s) { s.getBytes(StandardCharsets.UTF_8) }

    static String text(byte[] b) { new String(b, StandardCharsets.UTF_8) }

    TestService() {
        def service = ServerServiceDefinition.builder('test.Wire')
                .addMethod(ECHO, ServerCalls.asyncUnaryCall({ byte[] req, StreamObserver<byte[]> out ->
                    out.onNext(req); out.onCompleted()
                } as ServerCalls.UnaryMethod))
                .addMethod(SIZED, ServerCalls.asyncUnaryCall({ byte[] req, StreamObserver<byte[]> out ->
                    int n = text(req) as int
                    byte[] b = new byte[n]
                    for (int i = 0; i < n; i++) b[i] = (byte) (i * 31)
                    out.onNext(b); out.onCompleted()
                } as ServerCalls.UnaryMethod))
                .addMethod(FAIL, ServerCalls.asyncUnaryCall({ byte[] req, StreamObserver<byte[]> out ->
                    def (code, message) = text(req).split(/\|/, 2)
                    out.onError(Status.fromCodeValue(code as int).withDescription(message).asRuntimeException())
                } as ServerCalls.UnaryMethod))
                .addMethod(HANG, ServerCalls.asyncUnaryCall({ byte[] req, StreamObserver<byte[]> out ->
                    Context.current().addListener({ cancelled.countDown() } as Context.CancellationListener, Runnable::run)
                } as ServerCalls.UnaryMethod))
                .addMethod(STREAM, ServerCalls.asyncServerStreamingCall({ byte[] req, StreamObserver<byte[]> out ->
                    int n = text(req) as int
                    for (int i = 0; i < n; i++) out.onNext(text(String.valueOf(i)))
                    out.onCompleted()
                } as ServerCalls.ServerStreamingMethod))
                .build()
        server = NettyServerBuilder.forAddress(new InetSocketAddress('127.0.0.1', 0))
                .addService(service)
                .maxInboundMessageSize(64 << 20)
                .build().start()
    }

    String address() {
        "127.0.0.1:${server.port}"
    }

    @Override
    void close() {
        server.shutdownNow()
        server.awaitTermination()
    }
}
