package dev.scafctl.plugin.host;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scafctl.format.Formats;

import java.util.Map;

/** A plugin's stderr line made readable: go-hclog JSON ({@code @level}, {@code @message}, fields) or plain text. */
final class LogLine {
    private LogLine() {
    }

    static String readable(String raw) {
        String line = raw.strip();
        if (!line.startsWith("{") || !line.endsWith("}")) {
            return raw.stripTrailing();
        }
        JsonNode node;
        try {
            node = Formats.json().readTree(line);
        } catch (Exception notJson) {
            return raw.stripTrailing();
        }
        if (node == null || !node.isObject() || !node.has("@message")) {
            return raw.stripTrailing();
        }
        StringBuilder out = new StringBuilder();
        String level = node.path("@level").asText("");
        if (!level.isEmpty()) out.append(level).append(": ");
        out.append(node.path("@message").asText(""));
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getKey().startsWith("@")) continue;
            JsonNode v = field.getValue();
            out.append(' ').append(field.getKey()).append('=').append(v.isTextual() ? v.textValue() : v.toString());
        }
        return out.toString();
    }
}
