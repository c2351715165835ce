package dev.scafctl.plugin.host;

import dev.scafctl.proto.goplugin.Empty;
import dev.scafctl.proto.goplugin.GRPCControllerGrpc;
import dev.scafctl.proto.goplugin.GRPCStdioGrpc;
import dev.scafctl.proto.goplugin.StdioData;
import dev.scafctl.proto.provider.PluginServiceGrpc;
import dev.scafctl.plugin.wire.WireChannel;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** The gRPC channel to one plugin and the go-plugin services every plugin serves. */
final class PluginConnection {
    /** The health service name every go-plugin server reports. */
    static final String HEALTH_SERVICE = "plugin";
    private static final HealthCheckRequest HEALTH_REQUEST = HealthCheckRequest.newBuilder().setService(HEALTH_SERVICE).build();

    private final WireChannel channel;

    private PluginConnection(WireChannel channel) {
        this.channel = channel;
    }

    static PluginConnection dial(Handshake handshake) {
        return new PluginConnection(handshake.isUnix()
                ? WireChannel.unix(java.nio.file.Path.of(handshake.address()), Integer.MAX_VALUE)
                : WireChannel.tcp(handshake.address(), Integer.MAX_VALUE));
    }

    /** Throws StatusRuntimeException when the plugin does not answer SERVING in time. */
    void checkHealth(Duration timeout) {
        requireServing(HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)
                .withWaitForReady()
                .check(HEALTH_REQUEST));
    }

    /** The same check, answered on the connection's reader thread, for a start that sends more calls meanwhile. */
    ListenableFuture<HealthCheckResponse> checkHealthAsync(Duration timeout) {
        return HealthGrpc.newFutureStub(channel)
                .withExecutor(MoreExecutors.directExecutor())
                .withDeadlineAfter(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)
                .withWaitForReady()
                .check(HEALTH_REQUEST);
    }

    static void requireServing(HealthCheckResponse response) {
        if (response.getStatus() != HealthCheckResponse.ServingStatus.SERVING) {
            throw Status.UNAVAILABLE.withDescription("health check answered " + response.getStatus()).asRuntimeException();
        }
    }

    /**
     * Forwards what a go-plugin >= 1.3 plugin writes to its stdout and stderr after the handshake;
     * older plugins answer UNIMPLEMENTED, which is fine.
     */
    void forwardStdio(BiConsumer<Boolean, byte[]> sink) {
        GRPCStdioGrpc.newStub(channel).streamStdio(com.google.protobuf.Empty.getDefaultInstance(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(StdioData data) {
                        sink.accept(data.getChannel() == StdioData.Channel.STDERR, data.getData().toByteArray());
                    }

                    @Override
                    public void onError(Throwable t) {
                        // UNIMPLEMENTED from older plugins, CANCELLED or UNAVAILABLE at shutdown
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
    }

    PluginServiceGrpc.PluginServiceBlockingStub plugin() {
        return PluginServiceGrpc.newBlockingStub(channel);
    }

    PluginServiceGrpc.PluginServiceFutureStub pluginAsync() {
        return PluginServiceGrpc.newFutureStub(channel);
    }

    /** Asks for a graceful exit; a plugin that is already gone or does not answer in time is not an error here. */
    void requestShutdown(Duration timeout) {
        try {
            GRPCControllerGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)
                    .shutdown(Empty.getDefaultInstance());
        } catch (StatusRuntimeException ignored) {
            // the process check after this decides whether the plugin must be killed
        }
    }

    /** Closes the sockets: no reader thread is left behind, blocked or not. */
    void close() {
        channel.close();
    }
}
