package dev.scafctl.plugin.sdk;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.health.v1.HealthCheckResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The gRPC server of a plugin, on a Unix socket where epoll is available, else on a loopback TCP port. */
final class PluginServer {
    // Netty warns on every Unix socket connection that SO_KEEPALIVE does not apply; the logger is
    // held so the level sticks (JUL keeps loggers weakly).
    private static final java.util.logging.Logger NETTY_BOOTSTRAP =
            java.util.logging.Logger.getLogger("io.grpc.netty.shaded.io.netty.bootstrap");

    static {
        NETTY_BOOTSTRAP.setLevel(java.util.logging.Level.SEVERE);
    }

    private final Server server;
    private final EventLoopGroup group;
    private final String network;
    private final String address;
    private final Path socket;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private PluginServer(Server server, EventLoopGroup group, String network, String address, Path socket) {
        this.server = server;
        this.group = group;
        this.network = network;
        this.address = address;
        this.socket = socket;
    }

    static PluginServer start(Map<String, String> env, List<Provider> providers) {
        ProviderService service = new ProviderService(providers);
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus("plugin", HealthCheckResponse.ServingStatus.SERVING);
        PluginServer[] self = new PluginServer[1];
        Runnable shutdown = () -> self[0].stop();
        NettyServerBuilder builder;
        EventLoopGroup group = null;
        Path socket = null;
        String network;
        String address;
        if (Epoll.isAvailable()) {
            socket = socketPath(env);
            group = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
            builder = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                    .channelType(EpollServerDomainSocketChannel.class)
                    .bossEventLoopGroup(group)
                    .workerEventLoopGroup(group);
            network = "unix";
            address = socket.toString();
        } else {
            int port = freePort(env);
            builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
            network = "tcp";
            address = "127.0.0.1:" + port;
        }
        Server server = builder
                .maxInboundMessageSize(Integer.MAX_VALUE)
                .addService(health.getHealthService())
                .addService(new GoPluginServices.Controller(shutdown))
                .addService(new GoPluginServices.Broker())
                .addService(new GoPluginServices.Stdio())
                .addService(service)
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + network + " " + address + ": " + e.getMessage(), e);
        }
        self[0] = new PluginServer(server, group, network, address, socket);
        Path toDelete = socket;
        if (toDelete != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(toDelete), "plugin-socket-cleanup"));
        }
        return self[0];
    }

    /** {@code CORE|APP|NETWORK|ADDRESS|PROTOCOL|SERVER-CERT}; no certificate, as the host asked for no TLS. */
    String handshakeLine() {
        return "1|" + Plugin.APP_PROTOCOL + "|" + network + "|" + address + "|grpc|";
    }

    void stop() {
        if (stopped.getCount() == 0) return;
        // the host asked for the stop, or is gone: the broker and stdio streams it holds open
        // would keep a graceful shutdown waiting
        server.shutdownNow();
        try {
            server.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (group != null) group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        if (socket != null) deleteQuietly(socket);
        stopped.countDown();
    }

    void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path socketPath(Map<String, String> env) {
        String dir = env.getOrDefault("PLUGIN_UNIX_SOCKET_DIR", "");
        Path base = Path.of(dir.isBlank() ? System.getProperty("java.io.tmpdir") : dir);
        return base.resolve("plugin" + Math.floorMod(new SecureRandom().nextLong(), 10_000_000_000L));
    }

    private static int freePort(Map<String, String> env) {
        int min = parse(env.get("PLUGIN_MIN_PORT"), 10000);
        int max = parse(env.get("PLUGIN_MAX_PORT"), 25000);
        for (int port = min; port <= max; port++) {
            try (var probe = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (IOException taken) {
                // try the next port
            }
        }
        throw new IllegalStateException("no free TCP port between " + min + " and " + max);
    }

    private static int parse(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temp socket: nothing else to do
        }
    }
}
