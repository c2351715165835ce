package dev.scafctl.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.format.Formats;
import dev.scafctl.plugin.Platform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the OCI JSON documents by hand, so the key order (and so the digest) of what we
 * write never depends on a mapper's configuration.
 */
final class OciJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private OciJson() {
    }

    static byte[] write(Manifest m) {
        ObjectNode o = F.objectNode();
        o.put("schemaVersion", 2);
        o.put("mediaType", m.mediaType());
        o.set("config", descriptor(m.config()));
        ArrayNode layers = o.putArray("layers");
        m.layers().forEach(l -> layers.add(descriptor(l)));
        if (!m.annotations().isEmpty()) o.set("annotations", annotations(m.annotations()));
        return bytes(o);
    }

    static byte[] write(Index i) {
        ObjectNode o = F.objectNode();
        o.put("schemaVersion", 2);
        o.put("mediaType", i.mediaType());
        ArrayNode list = o.putArray("manifests");
        i.manifests().forEach(d -> list.add(descriptor(d)));
        if (!i.annotations().isEmpty()) o.set("annotations", annotations(i.annotations()));
        return bytes(o);
    }

    private static byte[] bytes(ObjectNode o) {
        return Formats.toJson(o).getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode descriptor(Descriptor d) {
        ObjectNode o = F.objectNode();
        o.put("mediaType", d.mediaType());
        o.put("digest", d.digest().toString());
        o.put("size", d.size());
        if (!d.annotations().isEmpty()) o.set("annotations", annotations(d.annotations()));
        if (d.platform() != null) {
            ObjectNode p = o.putObject("platform");
            p.put("architecture", d.platform().arch());
            p.put("os", d.platform().os());
        }
        return o;
    }

    private static ObjectNode annotations(Map<String, String> a) {
        ObjectNode o = F.objectNode();
        new TreeMap<>(a).forEach(o::put);
        return o;
    }

    static Manifest manifest(byte[] json, String what) {
        JsonNode n = tree(json, what);
        JsonNode config = n.path("config");
        if (!config.isObject()) throw malformed(what, "a manifest without a config descriptor");
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode l : n.path("layers")) layers.add(descriptor(l, what));
        String mt = n.path("mediaType").asText(MediaTypes.IMAGE_MANIFEST);
        return new Manifest(mt, descriptor(config, what), layers, annotations(n.path("annotations")));
    }

    static Index index(byte[] json, String what) {
        JsonNode n = tree(json, what);
        if (!n.path("manifests").isArray()) throw malformed(what, "an index without a manifests list");
        List<Descriptor> list = new ArrayList<>();
        for (JsonNode d : n.path("manifests")) list.add(descriptor(d, what));
        String mt = n.path("mediaType").asText(MediaTypes.IMAGE_INDEX);
        return new Index(mt, list, annotations(n.path("annotations")));
    }

    /** The media type a manifest document declares about itself, or null. */
    static String declaredMediaType(byte[] json, String what) {
        JsonNode mt = tree(json, what).path("mediaType");
        return mt.isTextual() ? mt.asText() : null;
    }

    private static JsonNode tree(byte[] json, String what) {
        try {
            JsonNode n = Formats.json().readTree(json);
            if (n == null || !n.isObject()) throw malformed(what, "not a JSON object");
            return n;
        } catch (java.io.IOException e) {
            throw malformed(what, "invalid JSON");
        }
    }

    private static Descriptor descriptor(JsonNode n, String what) {
        String mt = n.path("mediaType").asText(null);
        String digest = n.path("digest").asText(null);
        if (mt == null || digest == null || !Digest.isValid(digest) || !n.path("size").canConvertToLong()) {
            throw malformed(what, "a descriptor without a media type, sha256 digest or size");
        }
        // the size bounds every download of the blob, so it must be one
        if (n.path("size").asLong() < 0) throw malformed(what, "a descriptor with a negative size");
        Platform platform = null;
        JsonNode p = n.path("platform");
        if (p.isObject() && p.path("os").isTextual() && p.path("architecture").isTextual()) {
            try {
                platform = new Platform(p.path("os").asText(), p.path("architecture").asText());
            } catch (RuntimeException ignored) {
                // a platform we cannot name (e.g. "unknown") is treated as absent
            }
        }
        return new Descriptor(mt, Digest.parse(digest), n.path("size").asLong(), annotations(n.path("annotations")), platform);
    }

    private static Map<String, String> annotations(JsonNode n) {
        Map<String, String> a = new TreeMap<>();
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (e.getValue().isTextual()) a.put(e.getKey(), e.getValue().asText());
            }
        }
        return a;
    }

    private static ScafctlException malformed(String what, String problem) {
        return new ScafctlException(what + " is not a valid OCI document: " + problem,
                "the catalog holds a damaged or foreign artifact; delete it and push or build it again");
    }
}
