package dev.scafctl.cli;

import dev.scafctl.error.InvalidInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses repeated {@code key=value} flags. Values stay strings; resolver types convert them. */
public final class KeyValues {
    private KeyValues() {
    }

    public static Map<String, Object> parse(List<String> pairs, String flag) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (pairs == null) return out;
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("invalid " + flag + " '" + p + "': expected key=value",
                        "write it as " + flag + " name=value");
            }
            out.put(p.substring(0, eq).trim(), p.substring(eq + 1));
        }
        return out;
    }
}
