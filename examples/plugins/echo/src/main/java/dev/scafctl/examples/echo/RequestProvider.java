package dev.scafctl.examples.echo;

import dev.scafctl.plugin.sdk.Capability;
import dev.scafctl.plugin.sdk.Descriptor;
import dev.scafctl.plugin.sdk.Provider;
import dev.scafctl.plugin.sdk.Request;
import dev.scafctl.plugin.sdk.Result;
import dev.scafctl.plugin.sdk.SchemaType;

/**
 * Returns what the host told it about the call: the values resolved so far ({@code _}), the
 * capability it is used as, dry-run, the solution, and the configuration it received once at load.
 */
final class RequestProvider implements Provider {
    @Override
    public Descriptor descriptor() {
        return Descriptor.of("request", "1.0.0", "Returns the request the host sent: _, execution mode, dry-run, configuration",
                        Capability.TRANSFORM, Capability.FROM)
                .category("example")
                .input("note", SchemaType.ANY, false, "anything; returned with the rest")
                .output(Capability.TRANSFORM, "executionMode", SchemaType.STRING, "the capability the provider ran as");
    }

    /** The whole request as its value: a record, written out as JSON with its component names. */
    @Override
    public Result execute(Request request) {
        return Result.of(request);
    }
}
