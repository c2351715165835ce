package dev.scafctl.plugin.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.scafctl.proto.provider.ConfigureProviderRequest;
import dev.scafctl.proto.provider.ConfigureProviderResponse;
import dev.scafctl.proto.provider.DescribeWhatIfRequest;
import dev.scafctl.proto.provider.DescribeWhatIfResponse;
import dev.scafctl.proto.provider.ExecuteProviderRequest;
import dev.scafctl.proto.provider.ExecuteProviderResponse;
import dev.scafctl.proto.provider.ExecuteProviderStreamChunk;
import dev.scafctl.proto.provider.ExtractDependenciesRequest;
import dev.scafctl.proto.provider.ExtractDependenciesResponse;
import dev.scafctl.proto.provider.GetProviderDescriptorRequest;
import dev.scafctl.proto.provider.GetProviderDescriptorResponse;
import dev.scafctl.proto.provider.GetProvidersRequest;
import dev.scafctl.proto.provider.GetProvidersResponse;
import dev.scafctl.proto.provider.PluginServiceGrpc;
import dev.scafctl.proto.provider.StopProviderRequest;
import dev.scafctl.proto.provider.StopProviderResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** scafctl's {@code plugin.PluginService} over a set of {@link Provider}s. */
final class ProviderService extends PluginServiceGrpc.PluginServiceImplBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Provider> providers = new LinkedHashMap<>();
    private final Map<String, Configuration> configurations = new ConcurrentHashMap<>();

    ProviderService(List<Provider> list) {
        for (Provider p : list) {
            if (providers.putIfAbsent(p.descriptor().name(), p) != null) {
                throw new IllegalArgumentException("two providers are named " + p.descriptor().name());
            }
        }
    }

    @Override
    public void getProviders(GetProvidersRequest request, StreamObserver<GetProvidersResponse> out) {
        out.onNext(GetProvidersResponse.newBuilder().addAllProviderNames(providers.keySet()).build());
        out.onCompleted();
    }

    @Override
    public void getProviderDescriptor(GetProviderDescriptorRequest request, StreamObserver<GetProviderDescriptorResponse> out) {
        Provider p = find(request.getProviderName(), out);
        if (p == null) return;
        out.onNext(GetProviderDescriptorResponse.newBuilder().setProviderDescriptor(p.descriptor().toWire()).build());
        out.onCompleted();
    }

    @Override
    public void configureProvider(ConfigureProviderRequest request, StreamObserver<ConfigureProviderResponse> out) {
        Provider p = find(request.getProviderName(), out);
        if (p == null) return;
        ConfigureProviderResponse.Builder response = ConfigureProviderResponse.newBuilder().setProtocolVersion(2);
        try {
            Configuration configuration = WireRequests.configure(request);
            p.configure(configuration);
            configurations.put(request.getProviderName(), configuration);
        } catch (RuntimeException e) {
            response.setError(message(e));
        }
        out.onNext(response.build());
        out.onCompleted();
    }

    @Override
    public void executeProvider(ExecuteProviderRequest request, StreamObserver<ExecuteProviderResponse> out) {
        Provider p = find(request.getProviderName(), out);
        if (p == null) return;
        out.onNext(run(request, req -> p.execute(req)));
        out.onCompleted();
    }

    @Override
    public void executeProviderStream(ExecuteProviderRequest request, StreamObserver<ExecuteProviderStreamChunk> out) {
        Provider p = find(request.getProviderName(), out);
        if (p == null) return;
        if (!p.streams()) {
            out.onError(Status.UNIMPLEMENTED.withDescription("provider " + p.descriptor().name() + " does not stream")
                    .asRuntimeException());
            return;
        }
        Output output = new Output() {
            @Override
            public void stdout(byte[] data) {
                synchronized (out) {
                    out.onNext(ExecuteProviderStreamChunk.newBuilder().setStdout(ByteString.copyFrom(data)).build());
                }
            }

            @Override
            public void stderr(byte[] data) {
                synchronized (out) {
                    out.onNext(ExecuteProviderStreamChunk.newBuilder().setStderr(ByteString.copyFrom(data)).build());
                }
            }
        };
        ExecuteProviderResponse result = run(request, req -> p.executeStreaming(req, output));
        synchronized (out) {
            out.onNext(ExecuteProviderStreamChunk.newBuilder().setResult(result).build());
            out.onCompleted();
        }
    }

    @Override
    public void describeWhatIf(DescribeWhatIfRequest request, StreamObserver<DescribeWhatIfResponse> out) {
        Provider p = find(request.getProviderName(), out);
        if (p == null) return;
        DescribeWhatIfResponse.Builder response = DescribeWhatIfResponse.newBuilder();
        try {
            response.setDescription(p.describeWhatIf(new Request(p.descriptor().name(),
                    WireRequests.object(request.getInput(), "inputs"), Map.of(), "", true)));
        } catch (RuntimeException e) {
            response.setError(message(e));
        }
        out.onNext(response.build());
        out.onCompleted();
    }

    @Override
    public void extractDependencies(ExtractDependenciesRequest request, StreamObserver<ExtractDependenciesResponse> out) {
        if (find(request.getProviderName(), out) == null) return;
        out.onNext(ExtractDependenciesResponse.getDefaultInstance());
        out.onCompleted();
    }

    @Override
    public void stopProvider(StopProviderRequest request, StreamObserver<StopProviderResponse> out) {
        out.onNext(StopProviderResponse.getDefaultInstance());
        out.onCompleted();
    }

    private interface Call {
        Result apply(Request request);
    }

    private ExecuteProviderResponse run(ExecuteProviderRequest request, Call call) {
        ExecuteProviderResponse.Builder response = ExecuteProviderResponse.newBuilder();
        try {
            Request req = WireRequests.execute(request,
                    configurations.getOrDefault(request.getProviderName(), Configuration.NONE));
            Result result = call.apply(req);
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("data", result.data());
            if (!result.warnings().isEmpty()) envelope.put("warnings", result.warnings());
            if (!result.metadata().isEmpty()) envelope.put("metadata", result.metadata());
            response.setOutput(ByteString.copyFrom(JSON.writeValueAsBytes(envelope)));
        } catch (ProviderFailure e) {
            response.setError(message(e)).setExitCode(1);
        } catch (IOException | RuntimeException e) {
            response.setError("internal error in provider " + request.getProviderName() + ": " + message(e)).setExitCode(1);
        }
        return response.build();
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private Provider find(String name, StreamObserver<?> out) {
        Provider p = providers.get(name);
        if (p == null) {
            out.onError(Status.NOT_FOUND.withDescription("this plugin serves no provider named '" + name
                    + "'; it serves " + providers.keySet()).asRuntimeException());
        }
        return p;
    }
}
