package dev.scafctl.plugin.wire;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A gRPC channel to one plugin over our own HTTP/2 client: the generated stubs run on it
 * unchanged. The connection is made at dial; when it is gone (refused, closed, GOAWAY) the next
 * call dials again, and a call that cannot connect fails UNAVAILABLE at once (waitForReady does
 * not wait). {@link #close} closes every socket, so no reader thread outlives it.
 */
public final class WireChannel extends Channel implements AutoCloseable {
    /** What grpc-java allows by default; a plugin host raises it. */
    public static final int DEFAULT_MAX_INBOUND = 4 << 20;

    private final SocketAddress address;
    private final String authority;
    private final int maxInboundMessageSize;
    private final List<Http2Connection> connections = new ArrayList<>();
    private final Map<String, byte[]> requestHeaders = new ConcurrentHashMap<>();
    private Http2Connection current;
    private boolean closed;

    private WireChannel(SocketAddress address, String authority, int maxInboundMessageSize) {
        this.address = address;
        this.authority = authority;
        this.maxInboundMessageSize = maxInboundMessageSize;
    }

    /** A channel to a Unix domain socket; connects now, and a failure shows in the first call. */
    public static WireChannel unix(Path socket, int maxInboundMessageSize) {
        return dial(UnixDomainSocketAddress.of(socket), "localhost", maxInboundMessageSize);
    }

    /** A channel to {@code host:port} over TCP; connects now, and a failure shows in the first call. */
    public static WireChannel tcp(String hostPort, int maxInboundMessageSize) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) throw new IllegalArgumentException("not host:port: " + hostPort);
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        return dial(new InetSocketAddress(host, port), hostPort, maxInboundMessageSize);
    }

    private static WireChannel dial(SocketAddress address, String authority, int maxInboundMessageSize) {
        WireChannel channel = new WireChannel(address, authority, maxInboundMessageSize);
        try {
            channel.connection();
        } catch (IOException ignored) {
            // the first call reports it, as UNAVAILABLE
        }
        return channel;
    }

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
        return new WireCall<>(this, method, options, maxInboundMessageSize);
    }

    @Override
    public String authority() {
        return authority;
    }

    /** The encoded headers every request to {@code fullMethodName} starts with. */
    byte[] requestHeaders(String fullMethodName) {
        return requestHeaders.computeIfAbsent(fullMethodName, m -> HpackEncoder.encode(List.of(
                new HeaderField(":method", "POST"),
                new HeaderField(":scheme", "http"),
                new HeaderField(":path", "/" + m),
                new HeaderField(":authority", authority),
                new HeaderField("content-type", GrpcWire.CONTENT_TYPE),
                new HeaderField("te", "trailers"),
                new HeaderField("user-agent", "scafctl-wire"))));
    }

    SocketAddress address() {
        return address;
    }

    synchronized Http2Connection connection() throws IOException {
        if (closed) throw new IOException("the channel is closed");
        if (current != null && current.acceptsStreams()) return current;
        connections.removeIf(Http2Connection::isClosed);
        current = Http2Connection.open(address);
        connections.add(current);
        return current;
    }

    /** Closes every connection; calls still open end UNAVAILABLE. Idempotent. */
    @Override
    public void close() {
        List<Http2Connection> open;
        synchronized (this) {
            closed = true;
            open = List.copyOf(connections);
            connections.clear();
            current = null;
        }
        Status status = Status.UNAVAILABLE.withDescription("the channel to the plugin was closed");
        open.forEach(c -> c.close(status));
    }
}
