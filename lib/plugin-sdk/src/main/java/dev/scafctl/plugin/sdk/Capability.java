package dev.scafctl.plugin.sdk;

import dev.scafctl.proto.provider.DescriptorRules;

import java.util.Locale;
import java.util.SortedMap;

/**
 * Where a provider may be used. A descriptor declares at least one; each comes with an output
 * schema that holds the properties the Go scafctl requires of it (see {@link #requiredOutputs()}).
 */
public enum Capability {
    /** Computes a resolver's value. */
    FROM,
    /** Turns a value into another. */
    TRANSFORM,
    /** Checks a value; its output has {@code valid} (boolean) and {@code errors} (array). */
    VALIDATION,
    /** Obtains credentials; its output has {@code authenticated} (boolean) and {@code token} (string). */
    AUTHENTICATION,
    /** Changes something; its output has {@code success} (boolean). */
    ACTION;

    /** The name on the wire, e.g. {@code from}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The output properties, with their JSON Schema types, this capability requires. */
    public SortedMap<String, String> requiredOutputs() {
        return DescriptorRules.requiredOutputs(wireName());
    }

    /** The capability of a wire name ({@code from}, {@code action}, ...). */
    public static Capability of(String wireName) {
        for (Capability c : values()) {
            if (c.wireName().equals(wireName)) return c;
        }
        throw new IllegalArgumentException("unknown capability '" + wireName + "'; use one of " + DescriptorRules.CAPABILITIES);
    }
}
