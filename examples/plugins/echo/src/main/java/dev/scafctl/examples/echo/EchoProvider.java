package dev.scafctl.examples.echo;

import dev.scafctl.plugin.sdk.Capability;
import dev.scafctl.plugin.sdk.Descriptor;
import dev.scafctl.plugin.sdk.Output;
import dev.scafctl.plugin.sdk.Provider;
import dev.scafctl.plugin.sdk.Request;
import dev.scafctl.plugin.sdk.Result;
import dev.scafctl.plugin.sdk.SchemaType;

import java.util.LinkedHashMap;

/** Returns its inputs as its value; when streaming, also writes the message to stdout as it goes. */
final class EchoProvider implements Provider {
    @Override
    public Descriptor descriptor() {
        return Descriptor.of("echo", "1.0.0", "Returns its inputs unchanged; streams the message to stdout", Capability.FROM)
                .category("example")
                .input("message", SchemaType.STRING, true, "what to echo");
    }

    @Override
    public Result execute(Request request) {
        return Result.of(new LinkedHashMap<>(request.inputs()));
    }

    @Override
    public boolean streams() {
        return true;
    }

    @Override
    public Result executeStreaming(Request request, Output output) {
        output.stdout("echo: " + request.string("message") + "\n");
        return execute(request);
    }

    @Override
    public String describeWhatIf(Request request) {
        return "would echo " + request.inputs().keySet();
    }
}
