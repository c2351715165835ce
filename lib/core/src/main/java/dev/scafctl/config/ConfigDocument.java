package dev.scafctl.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * A {@code config.yaml} as read: its text (which edits splice, so what they do not change stays
 * as written), its tree, the {@link Config} read from it, and the keys it holds that this
 * scafctl does not act on: those the Go scafctl defines ({@code kept}) and those nobody does
 * ({@code unknown}, typos most likely), named by path, e.g. {@code catalogs[corp].authProvider}.
 */
public record ConfigDocument(Path file, boolean exists, String text, JsonNode tree, Config config,
                             List<String> kept, List<String> unknown) {
    public ConfigDocument {
        kept = List.copyOf(kept);
        unknown = List.copyOf(unknown);
    }

    /** The value at a path of mapping keys (matched without regard to case); a missing node when absent. */
    public JsonNode at(List<String> path) {
        JsonNode node = tree;
        for (String key : path) node = field(node, key);
        return node;
    }

    /** Where catalog {@code name} stands in the file's list; -1 when it is not there. */
    int catalogIndex(String name) {
        JsonNode list = field(tree, "catalogs");
        for (int i = 0; i < list.size(); i++) {
            if (name.equals(ConfigReader.textOrNull(field(list.get(i), "name")))) return i;
        }
        return -1;
    }

    static JsonNode field(JsonNode node, String key) {
        if (node == null || !node.isObject()) return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equalsIgnoreCase(key)) return node.get(k);
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
