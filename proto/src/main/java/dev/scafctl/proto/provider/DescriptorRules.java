package dev.scafctl.proto.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks the Go scafctl makes before it registers a plugin's provider, in its order and with
 * its words, so a descriptor one tool refuses the other refuses for the same reason.
 *
 * <p>Where the rules come from (oakwood-commons/scafctl): {@code pkg/plugin/grpc.go}
 * ({@code protoToDescriptor}: the version must parse as Masterminds semver; {@code raw_schema} and
 * {@code raw_output_schemas} win over the structured schemas), {@code pkg/provider/registry.go}
 * ({@code validateDescriptor}: name, API version, version, description, capabilities, input types)
 * and {@code pkg/provider/provider.go} ({@code ValidateDescriptor}: an output schema per capability
 * with the properties the capability requires). Go walks its maps in random order; where two
 * problems of one kind exist, this reports them sorted by name, as scafctl-plugin-sdk's
 * {@code provider/validation.go} does.
 */
public final class DescriptorRules {
    /** The capabilities the Go registry knows ({@code Capability.IsValid}). */
    public static final List<String> CAPABILITIES = List.of("from", "transform", "validation", "authentication", "action");
    /** JSON Schema type names an input may declare; the empty name means any value. */
    public static final Set<String> INPUT_TYPES = Set.of("string", "integer", "number", "boolean", "array", "object", "");

    private static final Map<String, SortedMap<String, String>> REQUIRED_OUTPUTS = Map.of(
            "validation", new TreeMap<>(Map.of("valid", "boolean", "errors", "array")),
            "authentication", new TreeMap<>(Map.of("authenticated", "boolean", "token", "string")),
            "action", new TreeMap<>(Map.of("success", "boolean")));

    // Masterminds/semver v3 NewVersion: a loose semver, 'v' prefix and missing minor/patch allowed
    private static final Pattern SEMVER = Pattern.compile("v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?"
            + "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?"
            + "(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?");
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private DescriptorRules() {
    }

    /** The properties, with their JSON Schema types, that a capability's output schema must declare. */
    public static SortedMap<String, String> requiredOutputs(String capability) {
        return REQUIRED_OUTPUTS.getOrDefault(capability, new TreeMap<>());
    }

    /** Why Masterminds semver's {@code NewVersion} refuses {@code version}; empty when it parses. */
    public static Optional<String> versionProblem(String version) {
        Matcher m = SEMVER.matcher(version);
        if (!m.matches()) return Optional.of("Invalid Semantic Version");
        for (int g = 1; g <= 3; g++) {
            String segment = m.group(g) == null ? null : m.group(g).replaceFirst("^\\.", "");
            if (segment != null && new BigInteger(segment).compareTo(MAX_UINT64) > 0) {
                return Optional.of("Error parsing version segment: strconv.ParseUint: parsing " + quote(segment)
                        + ": value out of range");
            }
        }
        if (m.group(5) != null) {
            for (String id : m.group(5).split("\\.")) {
                if (id.chars().allMatch(c -> c >= '0' && c <= '9') && id.length() > 1 && id.charAt(0) == '0') {
                    return Optional.of("Version segment starts with 0");
                }
            }
        }
        return Optional.empty();
    }

    /** Why the Go scafctl would not register this provider, in its words; empty when it would. */
    public static Optional<String> refusal(ProviderDescriptor d) {
        if (!d.getVersion().isEmpty()) {
            Optional<String> bad = versionProblem(d.getVersion());
            if (bad.isPresent()) {
                return Optional.of("plugin " + quote(d.getName()) + " has invalid semver version "
                        + quote(d.getVersion()) + ": " + bad.get());
            }
        }
        return registryProblem(d).map(p -> "invalid provider descriptor: " + p);
    }

    private static Optional<String> registryProblem(ProviderDescriptor d) {
        if (d.getName().isEmpty()) return Optional.of("provider name cannot be empty");
        if (d.getApiVersion().isEmpty()) return Optional.of("provider APIVersion cannot be empty");
        if (d.getVersion().isEmpty()) return Optional.of("provider version cannot be nil");
        if (d.getDescription().isEmpty()) return Optional.of("provider description cannot be empty");
        if (d.getCapabilitiesCount() == 0) return Optional.of("provider must declare at least one capability");
        for (int i = 0; i < d.getCapabilitiesCount(); i++) {
            if (!CAPABILITIES.contains(d.getCapabilities(i))) {
                return Optional.of("capability at index " + i + " (" + quote(d.getCapabilities(i)) + ") is not valid");
            }
        }
        SchemaView input = inputSchema(d);
        if (input != null && input.types() != null) {
            for (Map.Entry<String, String> p : input.types().entrySet()) {
                if (!INPUT_TYPES.contains(p.getValue())) {
                    return Optional.of("property " + quote(p.getKey()) + " has invalid type " + quote(p.getValue()));
                }
            }
        }
        return outputProblems(d).map(p -> "output schema validation failed: " + p);
    }

    private static Optional<String> outputProblems(ProviderDescriptor d) {
        Map<String, SchemaView> outputs = outputSchemas(d);
        if (outputs == null) return Optional.of("descriptor must define OutputSchemas");
        List<String> errors = new ArrayList<>();
        for (String capability : d.getCapabilitiesList()) {
            SchemaView schema = outputs.get(capability);
            if (schema == null) {
                errors.add("missing output schema for capability " + quote(capability));
                continue;
            }
            requiredOutputs(capability).forEach((field, type) -> {
                String actual = schema.types() == null ? null : schema.types().get(field);
                if (actual == null) {
                    errors.add("capability " + quote(capability) + " requires output field " + quote(field));
                } else if (!actual.equals(type)) {
                    errors.add("capability " + quote(capability) + " field " + quote(field) + " must be type "
                            + quote(type) + ", got " + quote(actual));
                }
            });
        }
        // errors.Join: one error per line
        return errors.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", errors));
    }

    /** A schema as far as the rules look at it: each property's type name; null when it has no properties. */
    private record SchemaView(SortedMap<String, String> types) {
        static SchemaView of(Schema s) {
            SortedMap<String, String> types = new TreeMap<>();
            s.getParametersMap().forEach((name, p) -> types.put(name, p.getType()));
            return new SchemaView(types);
        }
    }

    private static SchemaView inputSchema(ProviderDescriptor d) {
        if (!d.getRawSchema().isEmpty()) {
            SchemaView raw = parse(d.getRawSchema().toByteArray());
            if (raw != null) return raw;
        }
        return d.hasSchema() ? SchemaView.of(d.getSchema()) : null;
    }

    /** Raw JSON Schemas win when any is sent; one that does not parse is dropped, as Go drops it. */
    private static Map<String, SchemaView> outputSchemas(ProviderDescriptor d) {
        if (d.getRawOutputSchemasCount() > 0) {
            Map<String, SchemaView> out = new TreeMap<>();
            d.getRawOutputSchemasMap().forEach((capability, raw) -> {
                SchemaView s = parse(raw.toByteArray());
                if (s != null) out.put(capability, s);
            });
            return out;
        }
        if (d.getOutputSchemasCount() > 0) {
            Map<String, SchemaView> out = new TreeMap<>();
            d.getOutputSchemasMap().forEach((capability, s) -> out.put(capability, SchemaView.of(s)));
            return out;
        }
        return null;
    }

    /** A JSON Schema read as google/jsonschema-go reads it into its Schema; null where that fails. */
    private static SchemaView parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
        if (root == null || root.isNull()) return new SchemaView(null);
        if (!root.isObject() || typeName(root) == null) return null;
        JsonNode props = root.get("properties");
        if (props == null || props.isNull()) return new SchemaView(null);
        if (!props.isObject()) return null;
        SortedMap<String, String> types = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode v = p.getValue();
            if (v.isNull()) continue; // a nil property counts as missing
            if (v.isBoolean()) {
                types.put(p.getKey(), ""); // true/false schemas have no type
            } else if (v.isObject() && typeName(v) != null) {
                types.put(p.getKey(), typeName(v));
            } else {
                return null;
            }
        }
        return new SchemaView(types);
    }

    /** "type" as a single name; "" when absent or a list of names (jsonschema-go's Types); null when malformed. */
    private static String typeName(JsonNode schema) {
        JsonNode t = schema.get("type");
        if (t == null || t.isNull() || t.isArray()) return "";
        return t.isTextual() ? t.textValue() : null;
    }

    /** Go's {@code %q}: a double-quoted string with Go escapes. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 7 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case 11 -> b.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", c));
                    } else if (Character.isISOControl(c) || !Character.isDefined(c)) {
                        b.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }
}
