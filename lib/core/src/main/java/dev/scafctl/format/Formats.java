package dev.scafctl.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.scafctl.error.InvalidInputException;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON and YAML mappers of the whole tool, configured once: hostile YAML is refused by limits
 * (document size and nesting in the parser, alias expansion in {@link YamlTree}), and values
 * convert to plain Java (String, Long, Double, Boolean, null, List, Map).
 */
public final class Formats {
    /** Largest YAML or JSON document read, in characters; a file is held to as many bytes before it is read. */
    public static final int MAX_DOCUMENT_CHARS = 8 * 1024 * 1024;
    public static final int MAX_NESTING = 64;
    /**
     * Longest line of a YAML document. SnakeYAML's scanner keeps a whole line (of a block scalar
     * or a comment; a whole word elsewhere) in a window that it copies every 1 KiB it reads:
     * quadratic, 10 s for a 4 MiB line, and an OutOfMemoryError in the launcher's 64 MiB heap for
     * one of 6 MiB. A line of 1 Mi characters takes about a second.
     */
    public static final int MAX_YAML_LINE_CHARS = 1024 * 1024;

    private static final YAMLMapper YAML = createYaml();
    private static final YamlTree.Factory YAML_READER = new YamlTree.Factory(yamlFactory()
            // YAML 1.2, as the Go scafctl reads it: yes, no, on and off are strings
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS));
    private static final ObjectMapper JSON = new ObjectMapper(
            new com.fasterxml.jackson.core.JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING).maxDocumentLength(MAX_DOCUMENT_CHARS).build())
                    .build());
    private static final com.fasterxml.jackson.databind.ObjectWriter JSON_PRETTY = JSON.writer(
            new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
                    .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER))
                    .withArrayIndenter(com.fasterxml.jackson.core.util.DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

    private Formats() {
    }

    private static YAMLFactoryBuilder yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_DOCUMENT_CHARS);
        options.setAllowDuplicateKeys(false);
        return YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING).maxDocumentLength(MAX_DOCUMENT_CHARS).build())
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS);
    }

    private static YAMLMapper createYaml() {
        return new YAMLMapper(yamlFactory().build());
    }

    public static YAMLMapper yaml() {
        return YAML;
    }

    public static ObjectMapper json() {
        return JSON;
    }

    /**
     * Reads a YAML document into a tree, its aliases and merge keys resolved. Syntax errors become
     * {@link InvalidInputException}s naming {@code what} (usually the file), the line and the column.
     */
    public static JsonNode readYamlTree(String text, String what) {
        checkSize(text, what);
        checkLines(text, what);
        try {
            return YamlTree.read(YAML_READER, text, what);
        } catch (JsonProcessingException e) {
            throw syntaxError(e, what, "YAML");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + what + ": " + e.getMessage(), "check the file");
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            // SnakeYAML reports its limits (aliases, nesting, size) as runtime exceptions
            throw new InvalidInputException(what + ": refused: " + firstLine(e.getMessage()),
                    "simplify the document: it exceeds the parser's limits on aliases, nesting or size");
        }
    }

    public static JsonNode readJsonTree(String text, String what) {
        checkSize(text, what);
        try {
            JsonNode node = JSON.readTree(text);
            return node == null ? JsonNodeFactory.instance.missingNode() : node;
        } catch (JsonProcessingException e) {
            throw syntaxError(e, what, "JSON");
        }
    }

    /**
     * Refused before parsing: SnakeYAML notices its size limit only after scanning up to it, and
     * scanning one long scalar takes time quadratic in its length (minutes for a 9 MiB line).
     */
    private static void checkSize(String text, String what) {
        if (text.length() > MAX_DOCUMENT_CHARS) {
            throw new InvalidInputException(what + ": refused: " + text.length() + " characters, more than the "
                    + MAX_DOCUMENT_CHARS + " a document may have", "split the document, or read large data with the exec provider");
        }
    }

    private static void checkLines(String text, String what) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_YAML_LINE_CHARS) {
                    throw new InvalidInputException(what + ":" + line + ": refused: a line of " + (i - start)
                            + " characters, more than the " + MAX_YAML_LINE_CHARS + " a YAML line may have",
                            "break the line (a block scalar with '>' folds lines back into one), or read large data with the file provider's parse: text");
                }
                line++;
                start = i + 1;
            }
        }
    }

    private static InvalidInputException syntaxError(JsonProcessingException e, String what, String format) {
        var loc = e.getLocation();
        String where = loc == null || loc.getLineNr() < 0 ? what
                : what + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
        return new InvalidInputException(where + ": invalid " + format + ": " + summary(e.getOriginalMessage()),
                "fix the " + format + " at that line and column");
    }

    /** The parser's explanation without its echo of the source text, on one line. */
    private static String summary(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("in 'reader'") || t.startsWith("^") || line.startsWith("    ")) continue;
            if (out.length() > 0) out.append("; ");
            out.append(t);
        }
        return out.length() > 300 ? out.substring(0, 300) + "..." : out.toString();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Converts a tree to plain Java values; integers become Long, floats Double. */
    public static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (node.isTextual()) return node.textValue();
        if (node.isBoolean()) return node.booleanValue();
        if (node.isIntegralNumber()) {
            if (node.canConvertToLong()) return node.longValue();
            return new BigDecimal(node.bigIntegerValue()).doubleValue();
        }
        if (node.isNumber()) return node.doubleValue();
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode n : node) list.add(toJava(n));
            return list;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                map.put(e.getKey(), toJava(e.getValue()));
            }
            return map;
        }
        if (node.isBinary()) {
            try {
                return java.util.Base64.getEncoder().encodeToString(node.binaryValue());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return node.asText();
    }

    /** Converts plain Java values to a tree. */
    public static JsonNode toTree(Object value) {
        return JSON.valueToTree(value);
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String toPrettyJson(Object value) {
        try {
            return JSON_PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
