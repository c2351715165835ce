package dev.scafctl.solution;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The declared type of a resolver, and the coercion of a provider's value to it. */
public enum ValueType {
    STRING("string"),
    INT("int", "integer"),
    FLOAT("float", "number"),
    BOOL("bool", "boolean"),
    ARRAY("array"),
    OBJECT("object", "map"),
    ANY("any");

    private final List<String> names;

    ValueType(String... names) {
        this.names = List.of(names);
    }

    public String id() {
        return names.get(0);
    }

    public static Optional<ValueType> parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.names.contains(n)).findFirst();
    }

    /** All accepted spellings, for error messages. */
    public static String spellings() {
        StringBuilder sb = new StringBuilder();
        for (ValueType t : values()) {
            for (String n : t.names) {
                if (sb.length() > 0) sb.append(", ");
                sb.append(n);
            }
        }
        return sb.toString();
    }

    /**
     * Converts a non-null {@code value} to this type, or returns empty when it cannot be
     * converted. Integers become {@link Long}, floats {@link Double}.
     */
    public Optional<Object> coerce(Object value) {
        java.util.Objects.requireNonNull(value, "value");
        switch (this) {
            case ANY:
                return Optional.of(value);
            case STRING:
                if (value instanceof String) return Optional.of(value);
                if (value instanceof Number || value instanceof Boolean) return Optional.of(formatScalar(value));
                return Optional.empty();
            case INT:
                if (value instanceof Long || value instanceof Integer || value instanceof Short) {
                    return Optional.of(((Number) value).longValue());
                }
                if (value instanceof Number n) {
                    try {
                        return Optional.of(new BigDecimal(n.toString()).longValueExact());
                    } catch (ArithmeticException | NumberFormatException e) {
                        return Optional.empty();
                    }
                }
                if (value instanceof String s) {
                    try {
                        return Optional.of(Long.parseLong(s.trim()));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }
                return Optional.empty();
            case FLOAT:
                if (value instanceof Number n) return Optional.of(n.doubleValue());
                if (value instanceof String s) {
                    try {
                        double d = Double.parseDouble(s.trim());
                        return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }
                return Optional.empty();
            case BOOL:
                if (value instanceof Boolean) return Optional.of(value);
                if (value instanceof String s) {
                    String t = s.trim().toLowerCase(Locale.ROOT);
                    if (t.equals("true")) return Optional.of(Boolean.TRUE);
                    if (t.equals("false")) return Optional.of(Boolean.FALSE);
                }
                return Optional.empty();
            case ARRAY:
                return value instanceof List ? Optional.of(value) : Optional.empty();
            case OBJECT:
                return value instanceof Map ? Optional.of(value) : Optional.empty();
            default:
                throw new IllegalStateException(name());
        }
    }

    private static String formatScalar(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return id();
    }
}
