package dev.scafctl.plugin.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.scafctl.event.Event;
import dev.scafctl.format.Formats;
import dev.scafctl.proto.provider.DescribeWhatIfRequest;
import dev.scafctl.proto.provider.DescribeWhatIfResponse;
import dev.scafctl.proto.provider.Diagnostic;
import dev.scafctl.proto.provider.ExecuteProviderRequest;
import dev.scafctl.proto.provider.ExecuteProviderResponse;
import dev.scafctl.proto.provider.ExecuteProviderStreamChunk;
import dev.scafctl.proto.provider.ExtractDependenciesRequest;
import dev.scafctl.proto.provider.ExtractDependenciesResponse;
import dev.scafctl.proto.provider.SolutionMeta;
import dev.scafctl.provider.Provider;
import dev.scafctl.provider.ProviderContext;
import dev.scafctl.provider.ProviderDescriptor;
import dev.scafctl.provider.ProviderException;
import dev.scafctl.provider.ProviderResult;
import dev.scafctl.provider.Redactor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A provider served by a plugin. Calls ExecuteProviderStream so output shows up while the
 * provider runs, and falls back to ExecuteProvider for plugins that do not stream.
 */
public final class PluginProvider implements Provider {
    private final PluginClient plugin;
    private final ProviderDescriptor descriptor;
    private volatile boolean streamingUnimplemented;

    PluginProvider(PluginClient plugin, ProviderDescriptor descriptor) {
        this.plugin = plugin;
        this.descriptor = descriptor;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return descriptor;
    }

    public PluginClient plugin() {
        return plugin;
    }

    @Override
    public ProviderResult execute(Map<String, Object> inputs, ProviderContext context) {
        ExecuteProviderRequest request = request(inputs, context);
        plugin.rememberSecrets(Redactor.of(descriptor, inputs));
        plugin.callStarted(name());
        try {
            ExecuteProviderResponse response = streamingUnimplemented ? plugin.callStub().executeProvider(request)
                    : executeStreaming(request, context);
            return result(response);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) throw plugin.timedOut(name());
            throw plugin.broken("while running provider " + name(), e);
        } finally {
            plugin.callEnded(name());
        }
    }

    private ExecuteProviderResponse executeStreaming(ExecuteProviderRequest request, ProviderContext context) {
        Iterator<ExecuteProviderStreamChunk> chunks = plugin.callStub().executeProviderStream(request);
        try {
            while (chunks.hasNext()) {
                ExecuteProviderStreamChunk chunk = chunks.next();
                switch (chunk.getChunkCase()) {
                    case STDOUT -> context.listener().onEvent(new Event.ProviderOutput(name(), false, chunk.getStdout().toByteArray()));
                    case STDERR -> context.listener().onEvent(new Event.ProviderOutput(name(), true, chunk.getStderr().toByteArray()));
                    case RESULT -> {
                        return chunk.getResult();
                    }
                    case CHUNK_NOT_SET -> { }
                }
            }
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) throw e;
            streamingUnimplemented = true;
            return plugin.callStub().executeProvider(request);
        }
        throw new PluginException(plugin.name(), "plugin " + plugin.name() + " ended the output stream of provider "
                + name() + " without a result", PluginException.AUTHOR);
    }

    /**
     * The request as the Go scafctl builds it ({@code pkg/plugin/grpc.go}, {@code buildExecuteProviderRequest}):
     * {@code context} is {@code {"resolverContext": _}} inside a resolver and {@code {}} outside one; the
     * execution mode is {@code from} for a resolver ({@code pkg/resolver/executor.go}) and the provider's
     * first capability for a single call ({@code pkg/cmd/scafctl/run/provider.go}). This engine has no
     * dry run, actions or forEach yet, so dry_run stays false and the fields they fill stay empty.
     */
    private ExecuteProviderRequest request(Map<String, Object> inputs, ProviderContext context) {
        Map<String, Object> runContext = context.resolver() == null ? Map.of() : Map.of("resolverContext", context.values());
        String mode = context.resolver() != null ? "from"
                : descriptor.capabilities().isEmpty() ? "" : descriptor.capabilities().get(0);
        ExecuteProviderRequest.Builder b = ExecuteProviderRequest.newBuilder()
                .setProviderName(name())
                .setInput(json(inputs == null ? Map.of() : inputs))
                .setContext(json(runContext))
                .setExecutionMode(mode)
                .setWorkingDirectory(context.workingDirectory().toString());
        if (!context.parameters().isEmpty()) b.setParameters(json(context.parameters()));
        if (context.solution() != null) {
            var s = context.solution();
            b.setSolutionMetadata(SolutionMeta.newBuilder()
                    .setName(nullToEmpty(s.name())).setVersion(nullToEmpty(s.version()))
                    .setDisplayName(nullToEmpty(s.displayName())).setDescription(nullToEmpty(s.description()))
                    .setCategory(nullToEmpty(s.category())).addAllTags(s.tags()));
        }
        return b.build();
    }

    private ProviderResult result(ExecuteProviderResponse response) {
        if (!response.getError().isEmpty()) {
            throw new ProviderException("provider " + name() + " (" + plugin.origin() + ") failed: " + response.getError()
                    + diagnostics(response.getDiagnosticsList(), Diagnostic.Severity.ERROR),
                    "check the provider's inputs; if they are right, report it to the plugin's author");
        }
        List<String> warnings = new ArrayList<>();
        response.getDiagnosticsList().stream().filter(d -> d.getSeverity() == Diagnostic.Severity.WARNING)
                .forEach(d -> warnings.add(d.getSummary() + (d.getDetail().isEmpty() ? "" : ": " + d.getDetail())));
        if (response.getOutput().isEmpty()) {
            return new ProviderResult(null, warnings, Map.of());
        }
        JsonNode envelope;
        try {
            envelope = Formats.json().readTree(response.getOutput().toStringUtf8());
        } catch (Exception e) {
            throw new PluginException(plugin.name(), "plugin " + plugin.name() + ": provider " + name()
                    + " returned output that is not JSON: " + e.getMessage(), PluginException.AUTHOR);
        }
        if (envelope == null || !envelope.isObject()) {
            throw new PluginException(plugin.name(), "plugin " + plugin.name() + ": provider " + name()
                    + " returned output that is not an object with data, warnings and metadata", PluginException.AUTHOR);
        }
        envelope.path("warnings").forEach(w -> warnings.add(w.asText()));
        Object metadata = Formats.toJava(envelope.get("metadata"));
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = metadata instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return new ProviderResult(Formats.toJava(envelope.get("data")), warnings, meta);
    }

    /** What the provider would do with these inputs, for dry runs; sensitive inputs masked. */
    public String describeWhatIf(Map<String, Object> inputs) {
        Redactor redactor = Redactor.of(descriptor, inputs);
        plugin.rememberSecrets(redactor);
        try {
            return redactor.redact(whatIf(inputs));
        } catch (RuntimeException e) {
            throw redactor.redact(e);
        }
    }

    private String whatIf(Map<String, Object> inputs) {
        DescribeWhatIfResponse response;
        try {
            response = plugin.stub().describeWhatIf(DescribeWhatIfRequest.newBuilder()
                    .setProviderName(name()).setInput(json(inputs)).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) return "";
            throw plugin.broken("while describing what provider " + name() + " would do", e);
        }
        if (!response.getError().isEmpty()) {
            throw new ProviderException("provider " + name() + " (" + plugin.origin() + ") cannot describe its action: "
                    + response.getError(), "check the provider's inputs");
        }
        return response.getDescription();
    }

    @Override
    public Set<String> extractDependencies(Map<String, Object> inputs) {
        if (!plugin.hasExtractDependencies(name())) {
            return Set.of();
        }
        Redactor redactor = Redactor.of(descriptor, inputs);
        plugin.rememberSecrets(redactor);
        try {
            return dependencies(inputs);
        } catch (RuntimeException e) {
            throw redactor.redact(e);
        }
    }

    private Set<String> dependencies(Map<String, Object> inputs) {
        ExtractDependenciesResponse response;
        try {
            response = plugin.stub().extractDependencies(ExtractDependenciesRequest.newBuilder()
                    .setProviderName(name()).setInputs(json(inputs)).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) return Set.of();
            throw plugin.broken("while listing the dependencies of provider " + name(), e);
        }
        if (!response.getError().isEmpty()) {
            throw new ProviderException("provider " + name() + " (" + plugin.origin() + ") cannot list its dependencies: "
                    + response.getError(), "check the provider's inputs");
        }
        return new LinkedHashSet<>(response.getDependenciesList());
    }

    private static String diagnostics(List<Diagnostic> list, Diagnostic.Severity severity) {
        StringBuilder b = new StringBuilder();
        list.stream().filter(d -> d.getSeverity() == severity)
                .forEach(d -> b.append("\n  ").append(d.getSummary())
                        .append(d.getDetail().isEmpty() ? "" : ": " + d.getDetail())
                        .append(d.getAttribute().isEmpty() ? "" : " (" + d.getAttribute() + ")"));
        return b.toString();
    }

    private static ByteString json(Object value) {
        return ByteString.copyFrom(Formats.toJson(value), StandardCharsets.UTF_8);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
