package dev.scafctl.cli;

import dev.scafctl.error.InvalidInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code key=value} word split at its commas, as the Go scafctl splits {@code -r} and
 * {@code --input} values: {@code env=prod,qa} is two values of env, {@code a=1,b=2} two keys;
 * quotes (single or double, with backslash escapes) keep commas and are removed; a value that
 * starts with json://, yaml://, base64://, http://, https:// or file:// keeps its commas up to
 * the next {@code ,key=}.
 */
final class KeyValueCsv {
    private static final List<String> SCHEMES = List.of("json://", "yaml://", "base64://", "http://", "https://", "file://");

    private KeyValueCsv() {
    }

    /**
     * Each key with its values in order; {@code problem} is how to report a word that is no key=value list.
     */
    static Map<String, List<String>> parse(String word, java.util.function.Function<String, InvalidInputException> problem) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String lastKey = null;
        for (String entry : split(word, problem)) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                if (lastKey == null) throw problem.apply("'" + entry + "' has no key before it");
                out.get(lastKey).add(entry);
                continue;
            }
            String key = entry.substring(0, eq).trim();
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) throw problem.apply("the key is empty or holds a space");
            lastKey = key;
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(entry.substring(eq + 1));
        }
        return out;
    }

    private static List<String> split(String text, java.util.function.Function<String, InvalidInputException> problem) {
        String s = text.trim();
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        boolean escaped = false;
        boolean inScheme = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0 && !inScheme) {
                if (escaped) {
                    current.append(c);
                    escaped = false;
                    continue;
                }
                if (c == '\\') {
                    escaped = true;
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                    continue;
                }
                current.append(c);
                continue;
            }
            if (!inScheme && (c == '"' || c == '\'')) {
                quote = c;
                continue;
            }
            if (!inScheme && c == '=') {
                String rest = s.substring(i + 1);
                inScheme = SCHEMES.stream().anyMatch(rest::startsWith);
            }
            if (c == ',') {
                if (inScheme && !startsWithKey(s.substring(i + 1).trim())) {
                    current.append(c);
                    continue;
                }
                inScheme = false;
                add(out, current);
                continue;
            }
            current.append(c);
        }
        if (quote != 0) throw problem.apply("a quote is not closed");
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder current) {
        String entry = current.toString().trim();
        if (!entry.isEmpty()) out.add(entry);
        current.setLength(0);
    }

    /** {@code key=...} with a key of letters, digits, '-' and '_': where a scheme value's commas end. */
    private static boolean startsWithKey(String s) {
        int eq = s.indexOf('=');
        return eq > 0 && s.substring(0, eq).chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '-' || ch == '_');
    }
}
