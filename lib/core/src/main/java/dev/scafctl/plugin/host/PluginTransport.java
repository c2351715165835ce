package dev.scafctl.plugin.host;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;

import java.net.InetSocketAddress;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event loop that carries every plugin connection of this JVM, owned here rather than borrowed
 * from gRPC's shared pool so that it can be ended when the host is done.
 *
 * <p>Why it matters: at exit the JVM waits, in steps of 10 ms for up to 300 ms, for every thread
 * that sits in native code, and an idle event loop sits in {@code epoll_wait}. gRPC's shared loop
 * outlives the last channel by a second, so every command that ran a plugin paid the whole 300 ms
 * after its output was written. {@link #shutdown()} runs from the host's shutdown hook, after the
 * plugins are stopped. Where Netty's epoll transport is not available (not Linux), connections use
 * gRPC's default transport and exit as before.
 */
final class PluginTransport {
    private static final boolean EPOLL = epollAvailable();
    private static EventLoopGroup group;

    private PluginTransport() {
    }

    private static boolean epollAvailable() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** A channel builder for the address a plugin announced in its handshake. */
    static synchronized ManagedChannelBuilder<?> channelTo(Handshake handshake) {
        if (!EPOLL) {
            String target = handshake.isUnix() ? "unix://" + handshake.address() : "dns:///" + handshake.address();
            return Grpc.newChannelBuilder(target, InsecureChannelCredentials.create());
        }
        if (group == null || group.isShuttingDown()) {
            group = new EpollEventLoopGroup(1, daemonThreads());
        }
        NettyChannelBuilder b;
        if (handshake.isUnix()) {
            b = NettyChannelBuilder.forAddress(new DomainSocketAddress(handshake.address()))
                    .channelType(EpollDomainSocketChannel.class, DomainSocketAddress.class);
        } else {
            b = NettyChannelBuilder.forAddress(tcpAddress(handshake.address()))
                    .channelType(EpollSocketChannel.class, InetSocketAddress.class);
        }
        return b.eventLoopGroup(group).usePlaintext();
    }

    private static InetSocketAddress tcpAddress(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) throw new Handshake.Invalid("announced tcp address '" + address + "' has no port");
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        try {
            return new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new Handshake.Invalid("announced tcp address '" + address + "' is not HOST:PORT");
        }
    }

    /** Ends the event loop and waits (briefly) for its thread; the next connection starts a new one. */
    static void shutdown() {
        EventLoopGroup ending;
        synchronized (PluginTransport.class) {
            ending = group;
            group = null;
        }
        if (ending != null) {
            ending.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(500);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "scafctl-plugin-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
