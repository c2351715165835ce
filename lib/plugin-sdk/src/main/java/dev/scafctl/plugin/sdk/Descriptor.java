package dev.scafctl.plugin.sdk;

import dev.scafctl.proto.provider.Parameter;
import dev.scafctl.proto.provider.ProviderDescriptor;
import dev.scafctl.proto.provider.Schema;

/**
 * What a provider is and which inputs it takes, as the host sees it.
 *
 * <pre>{@code
 * Descriptor.of("echo", "1.0.0").description("Returns its inputs").input("message", "string", true, "what to echo")
 * }</pre>
 */
public final class Descriptor {
    private final ProviderDescriptor.Builder wire;
    private final Schema.Builder schema = Schema.newBuilder();

    private Descriptor(String name, String version) {
        wire = ProviderDescriptor.newBuilder().setName(name).setDisplayName(name).setVersion(version).setApiVersion("v1");
    }

    public static Descriptor of(String name, String version) {
        return new Descriptor(name, version);
    }

    public Descriptor displayName(String displayName) {
        wire.setDisplayName(displayName);
        return this;
    }

    public Descriptor description(String description) {
        wire.setDescription(description);
        return this;
    }

    public Descriptor category(String category) {
        wire.setCategory(category);
        return this;
    }

    /** e.g. {@code from}, {@code transform}, {@code action}. */
    public Descriptor capability(String capability) {
        wire.addCapabilities(capability);
        return this;
    }

    /** @param type string, int, float, bool, array, object or any */
    public Descriptor input(String name, String type, boolean required, String description) {
        schema.putParameters(name, Parameter.newBuilder().setType(type).setRequired(required).setDescription(description).build());
        return this;
    }

    /** An input whose value is never shown. */
    public Descriptor sensitive(String input) {
        wire.addSensitiveFields(input);
        return this;
    }

    public String name() {
        return wire.getName();
    }

    ProviderDescriptor toWire() {
        return wire.clone().setSchema(schema.build()).build();
    }
}
