package dev.scafctl.provider.builtin;

import dev.scafctl.error.InvalidInputException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed access to a built-in provider's inputs, with errors that name the provider and input. */
final class Inputs {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    private final String provider;
    private final Map<String, Object> inputs;

    Inputs(String provider, Map<String, Object> inputs) {
        this.provider = provider;
        this.inputs = inputs;
        for (String key : inputs.keySet()) {
            // unknown inputs are caught by the caller's allowed list
            if (key.isBlank()) throw bad("", "empty input name");
        }
    }

    void allow(String... names) {
        List<String> allowed = List.of(names);
        for (String key : inputs.keySet()) {
            if (!allowed.contains(key)) {
                throw bad(key, "unknown input; " + provider + " takes " + String.join(", ", allowed));
            }
        }
    }

    Object raw(String name) {
        return inputs.get(name);
    }

    String requiredString(String name) {
        Object v = inputs.get(name);
        if (v == null) throw bad(name, "required input is missing");
        if (v instanceof Map || v instanceof List) throw bad(name, "must be a string");
        return String.valueOf(v);
    }

    String optionalString(String name, String fallback) {
        Object v = inputs.get(name);
        if (v == null) return fallback;
        if (v instanceof Map || v instanceof List) throw bad(name, "must be a string");
        return String.valueOf(v);
    }

    List<String> optionalStringList(String name) {
        Object v = inputs.get(name);
        if (v == null) return List.of();
        if (!(v instanceof List<?> l)) throw bad(name, "must be a list of strings");
        return l.stream().map(String::valueOf).toList();
    }

    Map<String, String> optionalStringMap(String name) {
        Object v = inputs.get(name);
        if (v == null) return Map.of();
        if (!(v instanceof Map<?, ?> m)) throw bad(name, "must be a mapping of names to strings");
        Map<String, String> out = new java.util.LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), x == null ? "" : String.valueOf(x)));
        return out;
    }

    /** A duration: a number of seconds, or a number with ms, s, m or h. */
    Duration optionalDuration(String name, Duration fallback) {
        Object v = inputs.get(name);
        if (v == null) return fallback;
        if (v instanceof Number n) return Duration.ofMillis((long) (n.doubleValue() * 1000));
        Matcher m = DURATION.matcher(String.valueOf(v).trim());
        if (!m.matches()) throw bad(name, "invalid duration '" + v + "'; use seconds or a value such as 500ms, 30s, 5m");
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double ms = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1000;
        };
        return Duration.ofMillis((long) ms);
    }

    InvalidInputException bad(String input, String problem) {
        return new InvalidInputException("provider " + provider
                + (input.isEmpty() ? "" : " input '" + input + "'") + ": " + problem,
                "fix the inputs of the " + provider + " source");
    }
}
