package dev.scafctl.plugin.sdk;

import java.util.Locale;

/** The JSON Schema type of an input or output property, as the Go scafctl's registry accepts it. */
public enum SchemaType {
    STRING, INTEGER, NUMBER, BOOLEAN, ARRAY, OBJECT,
    /** Any value: the schema names no type. */
    ANY;

    /** The JSON Schema name, e.g. {@code integer}; empty for {@link #ANY}. */
    public String wireName() {
        return this == ANY ? "" : name().toLowerCase(Locale.ROOT);
    }

    /**
     * The type of a JSON Schema name; the names this SDK documented before ({@code int},
     * {@code float}, {@code bool}, {@code any}) are read as the JSON Schema types they meant.
     */
    public static SchemaType of(String name) {
        return switch (name) {
            case "string" -> STRING;
            case "integer", "int" -> INTEGER;
            case "number", "float" -> NUMBER;
            case "boolean", "bool" -> BOOLEAN;
            case "array" -> ARRAY;
            case "object" -> OBJECT;
            case "any", "" -> ANY;
            default -> throw new IllegalArgumentException("unknown type '" + name
                    + "'; use a JSON Schema type: string, integer, number, boolean, array, object (or any)");
        };
    }
}
