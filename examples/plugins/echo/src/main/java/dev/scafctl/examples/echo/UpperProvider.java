package dev.scafctl.examples.echo;

import dev.scafctl.plugin.sdk.Capability;
import dev.scafctl.plugin.sdk.Descriptor;
import dev.scafctl.plugin.sdk.Provider;
import dev.scafctl.plugin.sdk.ProviderFailure;
import dev.scafctl.plugin.sdk.Request;
import dev.scafctl.plugin.sdk.Result;
import dev.scafctl.plugin.sdk.SchemaType;

import java.util.Locale;

/** Upper-cases {@code message}; does not stream, so the host calls it through ExecuteProvider. */
final class UpperProvider implements Provider {
    @Override
    public Descriptor descriptor() {
        return Descriptor.of("upper", "1.0.0", "Returns the message in upper case", Capability.TRANSFORM)
                .category("example")
                .input("message", SchemaType.STRING, true, "the text to upper-case");
    }

    @Override
    public Result execute(Request request) {
        String message = request.string("message");
        if (message == null) {
            throw new ProviderFailure("input 'message' is required");
        }
        return Result.of(message.toUpperCase(Locale.ROOT));
    }
}
