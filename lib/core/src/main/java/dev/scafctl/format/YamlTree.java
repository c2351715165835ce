package dev.scafctl.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.scafctl.error.InvalidInputException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a YAML document's tree from the parser's tokens, resolving what Jackson's own tree
 * reader does not: an alias becomes a copy of its anchor's value (Jackson reports it as a string
 * holding the anchor's name), and a merge key ({@code <<: *base}, {@code <<: [*a, *b]}) adds the
 * merged mappings' keys that the mapping does not set itself, the earlier mapping winning, as
 * gopkg.in/yaml.v3 (the Go scafctl's reader) does. Scalars, duplicate keys, nesting and syntax
 * errors stay the parser's.
 *
 * <p>An alias shares its anchor's nodes rather than copying them, so reading costs what the text
 * holds; what the aliases would expand to is counted, and a document whose aliases stand for more
 * than {@link #MAX_ALIAS_NODES} values (an alias bomb, whose expansion doubles or more with each
 * line) is refused before anyone expands it.
 */
final class YamlTree {
    /** Values that aliases may stand for in one document; ordinary use (a few shared blocks) is far below. */
    static final long MAX_ALIAS_NODES = 100_000;
    private static final String MERGE_TAG = "tag:yaml.org,2002:merge";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final EventParser parser;
    private final String what;
    private final Map<String, Built> anchors = new HashMap<>();
    /** Every container built, so a merged value's measure is looked up rather than walked (a walk would expand the sharing). */
    private final Map<JsonNode, Built> containers = new IdentityHashMap<>();
    private long aliasNodes;

    /** A value and what it stands for once every alias in it is expanded. */
    private record Built(JsonNode node, long size, int depth) {
    }

    private YamlTree(EventParser parser, String what) {
        this.parser = parser;
        this.what = what;
    }

    /** The first document of {@code text}, or a missing node for an empty one. */
    static JsonNode read(Factory factory, String text, String what) throws IOException {
        try (EventParser p = (EventParser) factory.createParser(new StringReader(text))) {
            JsonToken first = p.nextToken();
            if (first == null) return NODES.missingNode();
            return new YamlTree(p, what).value(first).node();
        }
    }

    private Built value(JsonToken token) throws IOException {
        Event start = parser.event();
        String anchor = start instanceof NodeEvent n && !(start instanceof AliasEvent) ? n.getAnchor() : null;
        Built built = switch (token) {
            case START_OBJECT -> mapping();
            case START_ARRAY -> sequence();
            case VALUE_STRING -> parser.isCurrentAlias() ? alias(parser.getText()) : scalar(NODES.textNode(parser.getText()));
            case VALUE_NUMBER_INT -> scalar(switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            });
            case VALUE_NUMBER_FLOAT -> scalar(parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                    ? NODES.numberNode(parser.getDecimalValue()) : NODES.numberNode(parser.getDoubleValue()));
            case VALUE_TRUE -> scalar(NODES.booleanNode(true));
            case VALUE_FALSE -> scalar(NODES.booleanNode(false));
            case VALUE_NULL -> scalar(NODES.nullNode());
            case VALUE_EMBEDDED_OBJECT -> scalar(parser.getEmbeddedObject() instanceof byte[] b
                    ? NODES.binaryNode(b) : NODES.textNode(parser.getText()));
            default -> throw invalid("unexpected " + token, "fix the YAML there");
        };
        // registered once complete: an alias inside its own anchor's value is unknown, not a loop
        if (anchor != null) anchors.put(anchor, built);
        return built;
    }

    private static Built scalar(JsonNode node) {
        return new Built(node, 1, 0);
    }

    private Built alias(String name) {
        Built target = anchors.get(name);
        if (target == null) {
            throw invalid("alias *" + name + " names no anchor defined before it", "define &" + name + " earlier in the document");
        }
        aliasNodes += target.size();
        if (aliasNodes > MAX_ALIAS_NODES) {
            throw invalid("refused: its aliases stand for more than " + MAX_ALIAS_NODES + " values",
                    "write the repeated values out, or share fewer and smaller blocks through anchors");
        }
        return target;
    }

    private Built sequence() throws IOException {
        ArrayNode array = NODES.arrayNode();
        long size = 1;
        int depth = 0;
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            Built item = value(t);
            array.add(item.node());
            size += item.size();
            depth = Math.max(depth, item.depth());
        }
        return container(array, size, depth + 1);
    }

    private Built mapping() throws IOException {
        // entries in document order; a merge sits where its key was, so merged keys keep that place
        List<Object> entries = new ArrayList<>();
        Set<String> explicit = new HashSet<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
            String key = parser.currentName();
            boolean merge = isMergeKey(parser.event());
            JsonLocation at = parser.currentTokenLocation();
            Built v = value(parser.nextToken());
            if (merge) {
                entries.add(new Merge(mergedMappings(v, at)));
            } else {
                explicit.add(key);
                entries.add(Map.entry(key, v));
            }
        }
        ObjectNode object = NODES.objectNode();
        Map<String, Built> built = new HashMap<>();
        for (Object e : entries) {
            if (e instanceof Merge m) {
                for (ObjectNode source : m.mappings()) {
                    Iterator<Map.Entry<String, JsonNode>> it = source.fields();
                    while (it.hasNext()) {
                        var f = it.next();
                        if (explicit.contains(f.getKey()) || object.has(f.getKey())) continue;
                        object.set(f.getKey(), f.getValue());
                        built.put(f.getKey(), measured(f.getValue()));
                    }
                }
            } else {
                @SuppressWarnings("unchecked") var entry = (Map.Entry<String, Built>) e;
                object.set(entry.getKey(), entry.getValue().node());
                built.put(entry.getKey(), entry.getValue());
            }
        }
        long size = 1;
        int depth = 0;
        for (Built b : built.values()) {
            size += b.size();
            depth = Math.max(depth, b.depth());
        }
        return container(object, size, depth + 1);
    }

    private record Merge(List<ObjectNode> mappings) {
    }

    /** A merge key's value: a mapping, or a sequence of mappings (usually aliases), as yaml.v3 takes it. */
    private List<ObjectNode> mergedMappings(Built value, JsonLocation at) {
        JsonNode n = value.node();
        if (n.isObject()) return List.of((ObjectNode) n);
        if (n.isArray()) {
            List<ObjectNode> out = new ArrayList<>();
            for (JsonNode item : n) {
                if (!item.isObject()) throw mergeNotMapping(at);
                out.add((ObjectNode) item);
            }
            return out;
        }
        throw mergeNotMapping(at);
    }

    private InvalidInputException mergeNotMapping(JsonLocation at) {
        return new InvalidInputException(where(at) + ": invalid YAML: a merge key (<<) takes a mapping or a list of mappings",
                "merge mappings, e.g. '<<: *defaults' or '<<: [*a, *b]'");
    }

    /** What a merged value stands for; it was counted when the alias that brought it was read. */
    private Built measured(JsonNode node) {
        return node.isContainerNode() ? containers.get(node) : new Built(node, 1, 0);
    }

    private Built container(JsonNode node, long size, int depth) {
        // the parser limits the text's nesting; aliases can nest one anchor's value inside another's
        if (depth > Formats.MAX_NESTING) {
            throw invalid("refused: its aliases nest values " + depth + " deep, more than the " + Formats.MAX_NESTING + " a document may",
                    "flatten the anchored values");
        }
        Built built = new Built(node, size, depth);
        containers.put(node, built);
        return built;
    }

    /** A plain {@code <<} key, or one tagged {@code !!merge}; a quoted "<<" is an ordinary key, as in yaml.v3. */
    private static boolean isMergeKey(Event keyEvent) {
        if (!(keyEvent instanceof ScalarEvent s) || !"<<".equals(s.getValue())) return false;
        String tag = s.getTag();
        if (MERGE_TAG.equals(tag)) return true;
        return (tag == null || tag.equals("!")) && s.isPlain();
    }

    private InvalidInputException invalid(String problem, String nextStep) {
        return new InvalidInputException(where(parser.currentTokenLocation()) + ": " + problem, nextStep);
    }

    private String where(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 0 ? what : what + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
    }

    /** Makes parsers that show the SnakeYAML event behind each token: anchors of scalars and the style of keys are there only. */
    static final class Factory extends YAMLFactory {
        Factory(YAMLFactoryBuilder builder) {
            super(builder);
        }

        @Override
        protected YAMLParser _createParser(Reader r, IOContext ctxt) throws IOException {
            return new EventParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
        }
    }

    static final class EventParser extends YAMLParser {
        EventParser(IOContext ctxt, int parserFeatures, int formatFeatures, org.yaml.snakeyaml.LoaderOptions options,
                    com.fasterxml.jackson.core.ObjectCodec codec, Reader reader) {
            super(ctxt, parserFeatures, formatFeatures, options, codec, reader);
        }

        /** The event of the current token. */
        Event event() {
            return _lastEvent;
        }
    }
}
