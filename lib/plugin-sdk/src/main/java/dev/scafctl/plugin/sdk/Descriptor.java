package dev.scafctl.plugin.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.scafctl.proto.provider.DescriptorRules;
import dev.scafctl.proto.provider.Parameter;
import dev.scafctl.proto.provider.ProviderDescriptor;
import dev.scafctl.proto.provider.Schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a provider is, which inputs it takes and what it returns, as the host sees it. It is valid
 * by construction: it always has a description, a semantic version and at least one capability,
 * and each capability's output schema holds the properties the Go scafctl requires of it, so
 * both scafctl hosts register the provider.
 *
 * <pre>{@code
 * Descriptor.of("echo", "1.0.0", "Returns its inputs", Capability.FROM)
 *         .input("message", SchemaType.STRING, true, "what to echo")
 * }</pre>
 */
public final class Descriptor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Property(SchemaType type, boolean required, String description) {
    }

    private final ProviderDescriptor.Builder wire;
    private final SortedMap<String, Property> inputs = new TreeMap<>();
    private final Map<Capability, SortedMap<String, Property>> outputs = new LinkedHashMap<>();

    private Descriptor(String name, String version, String description) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a provider needs a name");
        if (version == null || version.isEmpty()) throw new IllegalArgumentException("provider " + name + " needs a version");
        DescriptorRules.versionProblem(version).ifPresent(problem -> {
            throw new IllegalArgumentException("version '" + version + "' of provider " + name
                    + " is not a semantic version (" + problem + "); use e.g. 1.0.0");
        });
        wire = ProviderDescriptor.newBuilder().setName(name).setDisplayName(name).setVersion(version).setApiVersion("v1");
        description(description);
    }

    /** A provider with its name, semantic version, description and the capabilities it has. */
    public static Descriptor of(String name, String version, String description, Capability capability, Capability... more) {
        Descriptor d = new Descriptor(name, version, description);
        d.capability(capability);
        for (Capability c : more) d.capability(c);
        return d;
    }

    public Descriptor displayName(String displayName) {
        wire.setDisplayName(displayName);
        return this;
    }

    public Descriptor description(String description) {
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("provider " + wire.getName() + " needs a description: scafctl refuses a provider without one");
        }
        wire.setDescription(description);
        return this;
    }

    public Descriptor category(String category) {
        wire.setCategory(category);
        return this;
    }

    /** Adds a capability, with the output properties it requires. */
    public Descriptor capability(Capability capability) {
        if (outputs.containsKey(capability)) return this;
        SortedMap<String, Property> schema = new TreeMap<>();
        capability.requiredOutputs().forEach((field, type) ->
                schema.put(field, new Property(SchemaType.of(type), true, "required of every " + capability.wireName() + " provider")));
        outputs.put(capability, schema);
        return this;
    }

    /** A capability by its wire name ({@code from}, {@code transform}, {@code validation}, {@code authentication}, {@code action}). */
    public Descriptor capability(String capability) {
        return capability(Capability.of(capability));
    }

    public Descriptor input(String name, SchemaType type, boolean required, String description) {
        inputs.put(name, new Property(type, required, description));
        return this;
    }

    /** @param type a JSON Schema type name: string, integer, number, boolean, array, object or any */
    public Descriptor input(String name, String type, boolean required, String description) {
        return input(name, SchemaType.of(type), required, description);
    }

    /** A property of what the provider returns when used with {@code capability}, which it must have declared. */
    public Descriptor output(Capability capability, String name, SchemaType type, String description) {
        SortedMap<String, Property> schema = outputs.get(capability);
        if (schema == null) {
            throw new IllegalArgumentException("provider " + wire.getName() + " has no capability " + capability.wireName()
                    + "; declare it before describing its output");
        }
        String requiredType = capability.requiredOutputs().get(name);
        if (requiredType != null && !requiredType.equals(type.wireName())) {
            throw new IllegalArgumentException("output '" + name + "' of a provider with capability " + capability.wireName()
                    + " must be of type " + requiredType + ", not " + type.wireName());
        }
        schema.put(name, new Property(type, requiredType != null, description));
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

    /**
     * The descriptor as scafctl-plugin-sdk sends it: each schema both structured and as raw JSON
     * Schema (the Go host prefers the raw one), an output schema without properties only raw.
     */
    ProviderDescriptor toWire() {
        ProviderDescriptor.Builder b = wire.clone().clearCapabilities();
        outputs.forEach((capability, schema) -> {
            b.addCapabilities(capability.wireName());
            b.putRawOutputSchemas(capability.wireName(), rawSchema(schema));
            if (!schema.isEmpty()) b.putOutputSchemas(capability.wireName(), structured(schema));
        });
        ProviderDescriptor d = b.setSchema(structured(inputs)).setRawSchema(rawSchema(inputs)).build();
        DescriptorRules.refusal(d).ifPresent(reason -> {
            throw new IllegalStateException("bug in the plugin SDK: it built a descriptor scafctl refuses: " + reason);
        });
        return d;
    }

    private static Schema structured(SortedMap<String, Property> properties) {
        Schema.Builder s = Schema.newBuilder();
        properties.forEach((name, p) -> s.putParameters(name, Parameter.newBuilder().setType(p.type().wireName())
                .setRequired(p.required()).setDescription(p.description() == null ? "" : p.description()).build()));
        return s.build();
    }

    private static ByteString rawSchema(SortedMap<String, Property> properties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        Map<String, Object> props = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        properties.forEach((name, p) -> {
            Map<String, Object> prop = new LinkedHashMap<>();
            if (p.type() != SchemaType.ANY) prop.put("type", p.type().wireName());
            if (p.description() != null && !p.description().isEmpty()) prop.put("description", p.description());
            props.put(name, prop);
            if (p.required()) required.add(name);
        });
        if (!props.isEmpty()) schema.put("properties", props);
        if (!required.isEmpty()) schema.put("required", required);
        try {
            return ByteString.copyFrom(JSON.writeValueAsBytes(schema));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON Schema: " + e.getMessage(), e);
        }
    }
}
