package dev.scafctl.format;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Changes a YAML document by splicing its text: a value set, a key removed, an item added to,
 * replaced in or removed from a list. Only the text of the node that changes is rewritten, so
 * every other byte (comments, quoting, blank lines, keys this tool knows nothing of) stays as it
 * was written. Block and flow styles are both kept; new lines take the indentation of their
 * siblings and the document's line ending.
 *
 * <p>Paths name mapping keys, matched without regard to case as the Go scafctl's config reader
 * (viper) matches them. The document must already have been read and accepted
 * ({@link Formats#readYamlTree}): this class trusts that it parses and does not enforce limits.
 */
public final class YamlEditor {
    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private String text;
    private final String newline;

    public YamlEditor(String text) {
        this.text = text == null ? "" : text;
        this.newline = this.text.contains("\r\n") ? "\r\n" : "\n";
    }

    public String text() {
        return text;
    }

    // ---- operations

    /** Sets the value at {@code path}, adding the key (and any mapping above it) where missing. */
    public YamlEditor set(List<String> path, Object value) {
        insertOrReplace(path, value, false);
        return this;
    }

    /** Appends {@code item} to the list at {@code path}, creating the list where missing. */
    public YamlEditor append(List<String> path, Object item) {
        insertOrReplace(path, item, true);
        return this;
    }

    /** Removes the key at {@code path}; false when it is not there. */
    public boolean remove(List<String> path) {
        Node parent = mappingAt(parse(), path.subList(0, path.size() - 1));
        int i = parent == null ? -1 : parent.indexOf(path.get(path.size() - 1));
        if (i < 0) return false;
        Node key = parent.keys.get(i);
        Node value = parent.values.get(i);
        if (parent.flow) {
            removeFlowMember(key.start, contentEnd(value));
        } else {
            int from = lineStart(key.start);
            requireBlank(from, key.start, path);
            splice(from, afterLine(contentEnd(value)), "");
        }
        return true;
    }

    /** Replaces item {@code index} of the list at {@code path}. */
    public YamlEditor replaceItem(List<String> path, int index, Object item) {
        Node item0 = item(path, index);
        String rendered = item0.flow || !(item instanceof Map<?, ?>) ? flow(item)
                : String.join(newline + spaces(item0.column), lines(item));
        splice(item0.start, contentEnd(item0), rendered);
        return this;
    }

    /** Removes item {@code index} of the list at {@code path}. */
    public YamlEditor removeItem(List<String> path, int index) {
        Node list = mappingValue(path);
        Node it = list.values.get(index);
        if (list.flow) {
            removeFlowMember(it.start, contentEnd(it));
        } else {
            int dash = text.lastIndexOf('-', it.start - 1);
            splice(lineStart(dash), afterLine(contentEnd(it)), "");
        }
        return this;
    }

    // ---- how a change is placed

    private void insertOrReplace(List<String> path, Object value, boolean appendToList) {
        Node root = parse();
        if (root == null || root.isNull()) {
            appendLines(0, text.length(), nested(path, value, appendToList));
            return;
        }
        Node m = requireMapping(root, List.of());
        for (int d = 0; d < path.size(); d++) {
            int i = m.indexOf(path.get(d));
            List<String> rest = path.subList(d, path.size());
            if (i < 0) {
                addMember(m, rest, value, appendToList);
                return;
            }
            Node v = m.values.get(i);
            boolean last = d == path.size() - 1;
            if (v.isNull()) {
                fillNull(m.flow, m.keys.get(i), v, rest.subList(1, rest.size()), value, appendToList);
                return;
            }
            if (last && appendToList) {
                appendItem(v, value, path);
                return;
            }
            if (last) {
                splice(v.start, contentEnd(v), flow(value));
                return;
            }
            m = requireMapping(v, path.subList(0, d + 1));
        }
    }

    /** A new key in mapping {@code m}: after its last member, at its members' indentation. */
    private void addMember(Node m, List<String> rest, Object value, boolean asList) {
        if (m.flow) {
            String member = rest.get(0) + ": " + flow(nestedValue(rest.subList(1, rest.size()), value, asList));
            splice(m.end - 1, m.end - 1, m.keys.isEmpty() ? member : ", " + member);
        } else {
            appendLines(m.keys.get(0).column, afterLine(contentEnd(m)), nested(rest, value, asList));
        }
    }

    /** A key whose value is empty ({@code key:} or {@code key: ~}) gets the new content. */
    private void fillNull(boolean flowParent, Node key, Node nullValue, List<String> rest, Object value, boolean asList) {
        Object content = nestedValue(rest, value, asList);
        if (flowParent || !(content instanceof Map<?, ?> || content instanceof List<?>)) {
            String prefix = nullValue.start > 0 && text.charAt(nullValue.start - 1) == ':' ? " " : "";
            splice(nullValue.start, nullValue.end, prefix + flow(content));
            return;
        }
        if (nullValue.end > nullValue.start) {
            int from = nullValue.start;
            while (from > key.end && text.charAt(from - 1) == ' ') from--;
            splice(from, nullValue.end, "");
        }
        appendLines(key.column + 2, afterLine(key.end), lines(content));
    }

    private void appendItem(Node list, Object item, List<String> path) {
        if (list.kind != Kind.SEQUENCE) throw new IllegalStateException(String.join(".", path) + " is not a list");
        if (list.flow) {
            splice(list.end - 1, list.end - 1, (list.values.isEmpty() ? "" : ", ") + flow(item));
        } else {
            appendLines(list.column, afterLine(contentEnd(list)), lines(List.of(item)));
        }
    }

    /** Writes {@code lines} as whole lines at {@code at} (a line start), each indented by {@code column}. */
    private void appendLines(int column, int at, List<String> lines) {
        StringBuilder b = new StringBuilder();
        if (at > 0 && text.charAt(at - 1) != '\n') b.append(newline);
        for (String line : lines) b.append(spaces(column)).append(line).append(newline);
        splice(at, at, b.toString());
    }

    private void removeFlowMember(int from, int to) {
        int after = skipSpaces(to);
        if (after < text.length() && text.charAt(after) == ',') {
            to = skipSpaces(after + 1);
        } else {
            int before = from;
            while (before > 0 && Character.isWhitespace(text.charAt(before - 1))) before--;
            if (before > 0 && text.charAt(before - 1) == ',') from = before - 1;
        }
        splice(from, to, "");
    }

    private void splice(int from, int to, String with) {
        text = text.substring(0, from) + with + text.substring(to);
    }

    // ---- rendering

    private static Object nestedValue(List<String> keys, Object value, boolean asList) {
        Object v = asList ? List.of(value) : value;
        for (int i = keys.size() - 1; i >= 0; i--) v = Map.of(keys.get(i), v);
        return v;
    }

    private static List<String> nested(List<String> path, Object value, boolean asList) {
        return lines(nestedValue(path, value, asList));
    }

    /** Block lines of a mapping or list, indented relative to the first. */
    private static List<String> lines(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v instanceof Map<?, ?> || v instanceof List<?> l && !l.isEmpty()) {
                    out.add(k + ":");
                    for (String line : lines(v)) out.add("  " + line);
                } else {
                    out.add(k + ": " + flow(v));
                }
            });
        } else if (value instanceof List<?> l) {
            for (Object item : l) {
                List<String> itemLines = item instanceof Map<?, ?> ? lines(item) : List.of(flow(item));
                out.add("- " + itemLines.get(0));
                for (String line : itemLines.subList(1, itemLines.size())) out.add("  " + line);
            }
        }
        return out;
    }

    private static String flow(Object value) {
        if (value instanceof Map<?, ?> m) {
            List<String> members = new ArrayList<>();
            m.forEach((k, v) -> members.add(k + ": " + flow(v)));
            return "{" + String.join(", ", members) + "}";
        }
        if (value instanceof List<?> l) return "[" + String.join(", ", l.stream().map(YamlEditor::flow).toList()) + "]";
        return scalar(value);
    }

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/~.][^\\x00-\\x1f\\x7f,\\[\\]{}#\"'`]*");
    private static final Pattern NUMBERLIKE = Pattern.compile(
            "[-+]?[0-9._:]*([eE][-+]?[0-9]+)?|0[xob][0-9a-fA-F_]+|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    private static final Set<String> WORDS = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~");

    /**
     * A scalar as YAML text: plain when every reader (YAML 1.1 and 1.2 alike) takes it back as
     * the same string, double-quoted otherwise.
     */
    public static String scalar(Object value) {
        if (value == null) return "null";
        if (value instanceof Boolean || value instanceof Number) return value.toString();
        String s = value.toString();
        boolean plain = PLAIN.matcher(s).matches() && !s.endsWith(":") && !s.endsWith(" ") && !s.contains(": ")
                && !s.contains(" #") && !NUMBERLIKE.matcher(s).matches() && !WORDS.contains(s.toLowerCase(java.util.Locale.ROOT));
        // a JSON string is a YAML double-quoted scalar
        return plain ? s : Formats.toJson(s);
    }

    // ---- positions in the text

    private enum Kind { SCALAR, ALIAS, MAPPING, SEQUENCE }

    /** A node and where its text lies; the members of a collection in order. */
    private static final class Node {
        final Kind kind;
        final boolean flow;
        final int start;
        final int column;
        int end;
        String value;
        boolean plain;
        final List<Node> keys = new ArrayList<>();
        final List<Node> values = new ArrayList<>();

        Node(Kind kind, boolean flow, int start, int column) {
            this.kind = kind;
            this.flow = flow;
            this.start = start;
            this.column = column;
        }

        boolean isNull() {
            return kind == Kind.SCALAR && plain && NULLS.contains(value);
        }

        int indexOf(String key) {
            for (int i = 0; i < keys.size(); i++) {
                Node k = keys.get(i);
                if (k.kind == Kind.SCALAR && key.equalsIgnoreCase(k.value)) return i;
            }
            return -1;
        }
    }

    private Node parse() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Math.max(Formats.MAX_DOCUMENT_CHARS, text.length() + 1));
        ParserImpl parser = new ParserImpl(new StreamReader(text), options);
        parser.getEvent();
        Event e = parser.getEvent();
        if (e instanceof StreamEndEvent) return null;
        return node(parser, parser.getEvent());
    }

    private Node node(ParserImpl parser, Event e) {
        Mark m = e.getStartMark();
        if (e instanceof ScalarEvent s) {
            Node n = new Node(Kind.SCALAR, false, offset(m), m.getColumn());
            n.value = s.getValue();
            n.plain = s.isPlain();
            n.end = offset(s.getEndMark());
            return n;
        }
        if (e instanceof AliasEvent) {
            Node n = new Node(Kind.ALIAS, false, offset(m), m.getColumn());
            n.end = offset(e.getEndMark());
            return n;
        }
        CollectionStartEvent c = (CollectionStartEvent) e;
        boolean mapping = c instanceof MappingStartEvent;
        Node n = new Node(mapping ? Kind.MAPPING : Kind.SEQUENCE, c.isFlow(), offset(m), m.getColumn());
        Event next = parser.getEvent();
        while (!(next instanceof MappingEndEvent || next instanceof SequenceEndEvent)) {
            if (mapping) {
                n.keys.add(node(parser, next));
                n.values.add(node(parser, parser.getEvent()));
            } else {
                n.values.add(node(parser, next));
            }
            next = parser.getEvent();
        }
        n.end = offset(next.getEndMark());
        return n;
    }

    /** Where a node's own text ends: a block collection ends with its last member, not at the next token. */
    private static int contentEnd(Node n) {
        if (n.flow || n.kind == Kind.SCALAR || n.kind == Kind.ALIAS || n.values.isEmpty()) return n.end;
        int end = contentEnd(n.values.get(n.values.size() - 1));
        return n.kind == Kind.MAPPING ? Math.max(end, contentEnd(n.keys.get(n.keys.size() - 1))) : end;
    }

    private Node mappingValue(List<String> path) {
        Node parent = mappingAt(parse(), path.subList(0, path.size() - 1));
        int i = parent == null ? -1 : parent.indexOf(path.get(path.size() - 1));
        if (i < 0) throw new IllegalStateException(String.join(".", path) + " is not in the document");
        return parent.values.get(i);
    }

    private Node item(List<String> path, int index) {
        Node list = mappingValue(path);
        if (list.kind != Kind.SEQUENCE || index >= list.values.size()) {
            throw new IllegalStateException(String.join(".", path) + " has no item " + index);
        }
        return list.values.get(index);
    }

    /** The mapping at {@code path}, or null when a key on the way is missing or empty. */
    private static Node mappingAt(Node root, List<String> path) {
        if (root == null || root.isNull()) return null;
        Node m = requireMapping(root, List.of());
        for (int d = 0; d < path.size(); d++) {
            int i = m.indexOf(path.get(d));
            if (i < 0 || m.values.get(i).isNull()) return null;
            m = requireMapping(m.values.get(i), path.subList(0, d + 1));
        }
        return m;
    }

    private static Node requireMapping(Node n, List<String> path) {
        if (n.kind != Kind.MAPPING) {
            throw new IllegalStateException((path.isEmpty() ? "the document" : String.join(".", path)) + " is not a mapping");
        }
        return n;
    }

    private void requireBlank(int from, int to, List<String> path) {
        if (!text.substring(from, to).isBlank()) {
            throw new IllegalStateException(String.join(".", path) + " does not start its line; edit the file by hand");
        }
    }

    /** A mark's code-point index as a char index. */
    private int offset(Mark m) {
        int cp = m.getIndex();
        return cp <= 0 ? 0 : text.offsetByCodePoints(0, Math.min(cp, text.codePointCount(0, text.length())));
    }

    private int lineStart(int at) {
        return text.lastIndexOf('\n', at - 1) + 1;
    }

    /** Just past the line on which the text before {@code at} ends. */
    private int afterLine(int at) {
        if (at > 0 && text.charAt(at - 1) == '\n') return at;
        int nl = text.indexOf('\n', at);
        return nl < 0 ? text.length() : nl + 1;
    }

    private int skipSpaces(int at) {
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) at++;
        return at;
    }

    private static String spaces(int n) {
        return " ".repeat(n);
    }
}
