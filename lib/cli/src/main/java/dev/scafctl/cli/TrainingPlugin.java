package dev.scafctl.cli;

import dev.scafctl.proto.goplugin.Empty;
import dev.scafctl.proto.goplugin.GRPCControllerGrpc;
import dev.scafctl.proto.provider.ConfigureProviderRequest;
import dev.scafctl.proto.provider.ConfigureProviderResponse;
import dev.scafctl.proto.provider.GetProviderDescriptorRequest;
import dev.scafctl.proto.provider.GetProviderDescriptorResponse;
import dev.scafctl.proto.provider.GetProvidersRequest;
import dev.scafctl.proto.provider.GetProvidersResponse;
import dev.scafctl.proto.provider.PluginServiceGrpc;
import dev.scafctl.proto.provider.ProviderDescriptor;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in plugin for {@link Training}: the provider service is served inside the training JVM
 * on a Unix socket, and the "binary" is a script that prints the go-plugin handshake pointing at
 * it and waits until the host asks for the shutdown, so the host runs its real start and stop.
 */
final class TrainingPlugin implements AutoCloseable {
    private final Server server;
    private final EventLoopGroup group;
    private final Path binary;

    private TrainingPlugin(Server server, EventLoopGroup group, Path binary) {
        this.server = server;
        this.group = group;
        this.binary = binary;
    }

    static TrainingPlugin serve(Path dir) throws IOException {
        Path socket = dir.resolve("plugin.sock");
        Path stop = dir.resolve("stop");
        Path binary = dir.resolve("training-plugin");
        Files.writeString(binary, "#!/bin/sh\necho '1|1|unix|" + socket + "|grpc|'\n"
                + "n=0; while [ ! -e '" + stop + "' ] && [ $n -lt 50 ]; do sleep 0.05; n=$((n+1)); done\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus("plugin", HealthCheckResponse.ServingStatus.SERVING);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        Server server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollServerDomainSocketChannel.class)
                .bossEventLoopGroup(group)
                .workerEventLoopGroup(group)
                .addService(health.getHealthService())
                .addService(new Providers())
                .addService(new Controller(stop))
                .build()
                .start();
        return new TrainingPlugin(server, group, binary);
    }

    Path binary() {
        return binary;
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }

    private static final class Providers extends PluginServiceGrpc.PluginServiceImplBase {
        @Override
        public void getProviders(GetProvidersRequest request, StreamObserver<GetProvidersResponse> out) {
            out.onNext(GetProvidersResponse.newBuilder().addProviderNames("training").build());
            out.onCompleted();
        }

        @Override
        public void getProviderDescriptor(GetProviderDescriptorRequest request, StreamObserver<GetProviderDescriptorResponse> out) {
            out.onNext(GetProviderDescriptorResponse.newBuilder().setProviderDescriptor(ProviderDescriptor.newBuilder()
                    .setName(request.getProviderName()).setVersion("1.0.0").addCapabilities("from")).build());
            out.onCompleted();
        }

        @Override
        public void configureProvider(ConfigureProviderRequest request, StreamObserver<ConfigureProviderResponse> out) {
            out.onNext(ConfigureProviderResponse.getDefaultInstance());
            out.onCompleted();
        }
    }

    private static final class Controller extends GRPCControllerGrpc.GRPCControllerImplBase {
        private final Path stop;

        Controller(Path stop) {
            this.stop = stop;
        }

        @Override
        public void shutdown(Empty request, StreamObserver<Empty> out) {
            try {
                Files.createFile(stop);
            } catch (IOException ignored) {
                // the script gives up waiting on its own
            }
            out.onNext(Empty.getDefaultInstance());
            out.onCompleted();
        }
    }
}
