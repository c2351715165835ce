package dev.scafctl.cli;

import dev.scafctl.error.InvalidInputException;
import dev.scafctl.format.Formats;
import dev.scafctl.io.BoundedFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Parameters and inputs written as the Go scafctl writes them, after {@code -r/--resolver},
 * {@code --input} or as positional words: {@code key=value}; {@code key=@FILE} and
 * {@code key=@-}, a file's or stdin's text as the value (less one trailing newline); {@code @FILE} and {@code @-}, a YAML or
 * JSON mapping of many. {@code key=a,b} gives key two values ({@link KeyValueCsv}), and a key
 * given twice collects its values into a list, as in Go. Values stay strings; resolver types
 * convert them.
 */
public final class ParamArgs {
    private static final String TOO_LARGE = "keep parameters small: put large data in a file that the solution reads with the file provider";

    private final String flag;
    private final UnaryOperator<String> hint;
    private final InputStream stdin;
    private boolean stdinRead;

    /**
     * @param flag  how the user wrote these values, for messages: "-r/--resolver", "--input"
     * @param hint  the next step after a word that is none of the forms, given that word
     * @param stdin what {@code @-} reads
     */
    public ParamArgs(String flag, UnaryOperator<String> hint, InputStream stdin) {
        this.flag = flag;
        this.hint = hint;
        this.stdin = stdin;
    }

    /** A word that is a parameter rather than a name: it holds '=' or starts with '@'. */
    public static boolean isParameter(String word) {
        return word.contains("=") || word.startsWith("@");
    }

    /** The words parsed, in order, onto {@code base}: a later key replaces a key of {@code base}, and joins one of {@code words}. */
    public Map<String, Object> parse(List<String> words, Map<String, Object> base) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (String w : words) {
            if (w.startsWith("@")) {
                readMapping(w.substring(1), flag + " file").forEach((k, v) -> merge(given, k, v));
                continue;
            }
            int eq = w.indexOf('=');
            String key = eq < 0 ? "" : w.substring(0, eq).trim();
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidInputException("invalid " + flag + " " + InvalidInputException.shown(w)
                        + ": expected key=value, key=@FILE or @FILE.yaml", hint.apply(w));
            }
            String value = w.substring(eq + 1);
            if (value.startsWith("@") && value.length() > 1) {
                merge(given, key, readRaw(value.substring(1), "value file of " + flag + " " + key));
                continue;
            }
            KeyValueCsv.parse(w, why -> new InvalidInputException("invalid " + flag + " " + InvalidInputException.shown(w) + ": " + why,
                    "quote a value that holds a comma: " + key + "='a, b'")).forEach((k, values) ->
                    merge(given, k, values.size() == 1 ? values.get(0) : new ArrayList<Object>(values)));
        }
        Map<String, Object> out = new LinkedHashMap<>(base);
        out.putAll(given);
        return out;
    }

    /** A YAML or JSON mapping of names to values, from a file or ("-") stdin; messages name it "{@code what} SOURCE". */
    @SuppressWarnings("unchecked")
    public Map<String, Object> readMapping(String source, String what) {
        Object data = Formats.toJava(Formats.readYamlTree(readText(source, what), what + " " + source));
        if (data == null) return Map.of();
        if (!(data instanceof Map)) {
            throw new InvalidInputException(what + " " + source + " must hold a mapping of names to values",
                    "write it as 'name: value' lines");
        }
        return (Map<String, Object>) data;
    }

    /** A file's or stdin's text as one value, less one trailing newline (what echo adds), as in Go. */
    private String readRaw(String source, String what) {
        String text = readText(source, what);
        if (text.isBlank()) throw new InvalidInputException(what + " " + source + " is empty", "give the value some text");
        if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private String readText(String source, String what) {
        if (source.equals("-")) {
            if (stdinRead) throw new InvalidInputException(what + " -: stdin was already read by another @-", "use @- once in a command");
            stdinRead = true;
            try {
                byte[] bytes = stdin.readNBytes(Formats.MAX_DOCUMENT_CHARS + 1);
                if (bytes.length > Formats.MAX_DOCUMENT_CHARS) {
                    throw new InvalidInputException(what + " -: stdin holds more than the "
                            + BoundedFiles.describeSize(Formats.MAX_DOCUMENT_CHARS) + " scafctl reads", TOO_LARGE);
                }
                return new String(bytes, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidInputException("cannot read stdin for " + what + ": " + e.getMessage(), "pipe the value into scafctl");
            }
        }
        Path file;
        try {
            file = Path.of(source);
        } catch (InvalidPathException e) {
            throw new InvalidInputException(what + " " + InvalidInputException.shown(source) + " is not a file path", "check the path");
        }
        try {
            return BoundedFiles.readText(file, Formats.MAX_DOCUMENT_CHARS, what, TOO_LARGE);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(what + " " + source + " not found (looked in " + file.toAbsolutePath().getParent() + ")",
                    "check the path; it is relative to the current directory");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + what + " " + source + ": " + e.getMessage(), "check the path and the file's permissions");
        }
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, String key, Object value) {
        if (!into.containsKey(key)) {
            into.put(key, value);
            return;
        }
        Object old = into.get(key);
        List<Object> list = old instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(java.util.Collections.singletonList(old));
        if (value instanceof List<?> l) list.addAll(l); else list.add(value);
        into.put(key, list);
    }
}
