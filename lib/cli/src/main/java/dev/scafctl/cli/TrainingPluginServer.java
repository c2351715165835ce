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

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The provider service of the training stand-in plugin, served on a Unix socket; see {@link TrainingPlugin}. */
final class TrainingPluginServer {
    private TrainingPluginServer() {
    }

    /** {@code TrainingPluginServer SOCKET}: serves until the host asks for the shutdown (at most 30 s). */
    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        CountDownLatch stop = new CountDownLatch(1);
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
        System.out.println("1|1|unix|" + socket + "|grpc|");
        System.out.flush();
        stop.await(30, TimeUnit.SECONDS);
        server.shutdown();
        server.awaitTermination(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        System.exit(0);
    }

    private static final class Providers extends PluginServiceGrpc.PluginServiceImplBase {
        @Override
        public void getProviders(GetProvidersRequest request, StreamObserver<GetProvidersResponse> out) {
            out.onNext(GetProvidersResponse.newBuilder().addProviderNames("training").build());
            out.onCompleted();
        }

        @Override
        public void getProviderDescriptor(GetProviderDescriptorRequest request, StreamObserver<GetProviderDescriptorResponse> out) {
            // registrable, or the host refuses it before the path is trained on
            out.onNext(GetProviderDescriptorResponse.newBuilder().setProviderDescriptor(ProviderDescriptor.newBuilder()
                    .setName(request.getProviderName()).setVersion("1.0.0").setApiVersion("v1")
                    .setDescription("Trains the launcher's class-data archive").addCapabilities("from")
                    .putRawOutputSchemas("from", com.google.protobuf.ByteString.copyFromUtf8("{\"type\":\"object\"}"))).build());
            out.onCompleted();
        }

        @Override
        public void configureProvider(ConfigureProviderRequest request, StreamObserver<ConfigureProviderResponse> out) {
            out.onNext(ConfigureProviderResponse.getDefaultInstance());
            out.onCompleted();
        }
    }

    private static final class Controller extends GRPCControllerGrpc.GRPCControllerImplBase {
        private final CountDownLatch stop;

        Controller(CountDownLatch stop) {
            this.stop = stop;
        }

        @Override
        public void shutdown(Empty request, StreamObserver<Empty> out) {
            out.onNext(Empty.getDefaultInstance());
            out.onCompleted();
            stop.countDown();
        }
    }
}
