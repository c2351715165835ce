package dev.scafctl.cli;

import dev.scafctl.format.Formats;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Prints command results as YAML, JSON or a table. */
public final class Output {
    private Output() {
    }

    /**
     * Prints {@code data}; for {@code table}, {@code rows} (column name to cell) are shown instead,
     * with the columns in the order of the first row.
     */
    public static void print(PrintWriter out, OutputFormat format, Object data, List<Map<String, Object>> rows) {
        print(out, format, data, rows, null);
    }

    /**
     * As {@link #print(PrintWriter, OutputFormat, Object, List)}; the {@code table} shows only
     * {@code narrow} of the rows' columns (all when null) with digests shortened to 12 hex digits,
     * so that it fits 100 columns; {@code wide} shows every column in full.
     */
    public static void print(PrintWriter out, OutputFormat format, Object data, List<Map<String, Object>> rows,
                             List<String> narrow) {
        switch (format) {
            case json -> out.println(Formats.toPrettyJson(data));
            case yaml -> out.print(yamlOf(data));
            case table -> out.print(table(narrow == null ? rows : project(rows, narrow), true));
            case wide -> out.print(table(rows, false));
        }
        out.flush();
    }

    private static List<Map<String, Object>> project(List<Map<String, Object>> rows, List<String> columns) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> p = new LinkedHashMap<>();
            for (String c : columns) p.put(c, row.get(c));
            out.add(p);
        }
        return out;
    }

    private static final Pattern DIGEST = Pattern.compile("sha256:([0-9a-f]{12})[0-9a-f]{52}");

    /** YAML for a document; a bare scalar is printed as itself (strings unquoted). */
    static String yamlOf(Object data) {
        if (data == null) return "null\n";
        if (data instanceof String s && !s.contains("\n")) return s + "\n";
        if (data instanceof Number || data instanceof Boolean) return data + "\n";
        return Formats.toYaml(data);
    }

    /** A plain text table: upper-case headers, columns padded to their widest cell. */
    public static String table(List<Map<String, Object>> rows) {
        return table(rows, false);
    }

    private static String table(List<Map<String, Object>> rows, boolean shortDigests) {
        if (rows.isEmpty()) return "";
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (String c : columns) widths.put(c, c.length());
        List<List<String>> cells = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<String> line = new ArrayList<>();
            for (String c : columns) {
                String cell = cell(row.get(c));
                if (shortDigests) cell = DIGEST.matcher(cell).replaceAll("sha256:$1");
                widths.merge(c, cell.length(), Math::max);
                line.add(cell);
            }
            cells.add(line);
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, columns.stream().map(String::toUpperCase).toList(), columns, widths);
        for (List<String> line : cells) appendLine(sb, line, columns, widths);
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, List<String> line, List<String> columns, Map<String, Integer> widths) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < line.size(); i++) {
            if (i > 0) l.append("  ");
            String cell = line.get(i);
            l.append(cell);
            if (i < line.size() - 1) l.append(" ".repeat(widths.get(columns.get(i)) - cell.length()));
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    private static String cell(Object v) {
        if (v == null) return "";
        if (v instanceof String s) return s.replace("\n", "\\n");
        if (v instanceof Map || v instanceof List) return Formats.toJson(v);
        return String.valueOf(v);
    }
}
