package dev.scafctl.plugin.sdk;

import dev.scafctl.proto.goplugin.ConnInfo;
import dev.scafctl.proto.goplugin.Empty;
import dev.scafctl.proto.goplugin.GRPCBrokerGrpc;
import dev.scafctl.proto.goplugin.GRPCControllerGrpc;
import dev.scafctl.proto.goplugin.GRPCStdioGrpc;
import dev.scafctl.proto.goplugin.StdioData;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** The services every go-plugin server offers besides its own: controller, broker and stdio. */
final class GoPluginServices {
    private GoPluginServices() {
    }

    /** Shutdown answers first, then stops the plugin, so the host sees a clean reply. */
    static final class Controller extends GRPCControllerGrpc.GRPCControllerImplBase {
        private final Runnable shutdown;

        Controller(Runnable shutdown) {
            this.shutdown = shutdown;
        }

        @Override
        public void shutdown(Empty request, StreamObserver<Empty> out) {
            out.onNext(Empty.getDefaultInstance());
            out.onCompleted();
            Thread t = new Thread(shutdown, "plugin-shutdown");
            t.start();
        }
    }

    /**
     * The broker carries host callbacks (auth handlers, host services), which provider plugins
     * do not use yet: the stream is held open and ends when the host ends it.
     */
    static final class Broker extends GRPCBrokerGrpc.GRPCBrokerImplBase {
        @Override
        public StreamObserver<ConnInfo> startStream(StreamObserver<ConnInfo> out) {
            return new StreamObserver<>() {
                @Override
                public void onNext(ConnInfo info) {
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    out.onCompleted();
                }
            };
        }
    }

    /** Java providers write through {@link Output}, not the process's stdout: the stream stays open and silent. */
    static final class Stdio extends GRPCStdioGrpc.GRPCStdioImplBase {
        @Override
        public void streamStdio(com.google.protobuf.Empty request, StreamObserver<StdioData> out) {
            if (out instanceof ServerCallStreamObserver<StdioData> call) {
                call.setOnCancelHandler(() -> { });
            }
        }
    }
}
