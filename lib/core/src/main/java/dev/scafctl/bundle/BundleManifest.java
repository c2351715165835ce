package dev.scafctl.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scafctl.format.Formats;
import dev.scafctl.oci.Digest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON that lists a bundle's files, in the Go scafctl's shape: {@code version} (1 inside a v1
 * tar, 2 as a v2 layer), {@code root} (always "."), {@code files[]} of {@code path, size, digest}
 * and, in v2, {@code layer}: the index in the image manifest's layers of the layer holding the file.
 * {@code plugins} is informational and kept as read.
 */
public record BundleManifest(int version, String root, List<FileEntry> files, List<Map<String, Object>> plugins) {
    /** Where a v1 tar holds this manifest. */
    public static final String V1_PATH = ".scafctl/bundle-manifest.json";
    /** Most bytes of all files of one bundle together: the Go tool's default limit (50 MiB). */
    public static final long MAX_TOTAL_BYTES = 50L * 1024 * 1024;
    /** Most files in one bundle. */
    public static final int MAX_FILES = 10_000;
    /** Files smaller than this go into the v2 small-files tar; larger ones get a layer each (Go's default, 4 KiB). */
    public static final long SMALL_FILE_BYTES = 4 * 1024;

    public BundleManifest {
        files = List.copyOf(files);
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
    }

    /** One file; {@code layer} is 0 in a v1 manifest, where every file is in the one tar. */
    public record FileEntry(String path, long size, Digest digest, int layer) {
    }

    /** Reads a manifest; what does not fit the shape is refused with {@code refuse.apply(why)}. */
    public static BundleManifest parse(byte[] json, Function<String, RuntimeException> refuse) {
        JsonNode root;
        try {
            root = Formats.readJsonTree(new String(json, StandardCharsets.UTF_8), BundleManifest.class.getSimpleName());
        } catch (RuntimeException e) {
            throw refuse.apply("its bundle manifest is not JSON: " + e.getMessage());
        }
        if (!root.isObject() || !root.path("version").isInt() || !root.path("files").isArray()) {
            throw refuse.apply("its bundle manifest has no version number and files list");
        }
        JsonNode list = root.path("files");
        if (list.size() > MAX_FILES) throw refuse.apply("its bundle manifest lists " + list.size() + " files, more than " + MAX_FILES);
        List<FileEntry> files = new ArrayList<>();
        for (JsonNode f : list) {
            String digest = f.path("digest").asText(null);
            if (!f.path("path").isTextual() || !f.path("size").canConvertToLong() || f.path("size").asLong() < 0 || !Digest.isValid(digest)) {
                throw refuse.apply("its bundle manifest has a file entry without a path, a size and a sha256 digest: " + f);
            }
            files.add(new FileEntry(f.path("path").asText(), f.path("size").asLong(), Digest.parse(digest), f.path("layer").asInt(0)));
        }
        List<Map<String, Object>> plugins = new ArrayList<>();
        for (JsonNode p : root.path("plugins")) {
            if (Formats.toJava(p) instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked") Map<String, Object> typed = (Map<String, Object>) m;
                plugins.add(typed);
            }
        }
        return new BundleManifest(root.path("version").asInt(), root.path("root").asText("."), files, plugins);
    }

    /** The JSON as the Go tool indents it (two spaces), keys in its order; {@code layer} left out when 0. */
    public byte[] toJson() {
        StringBuilder b = new StringBuilder("{\n  \"version\": ").append(version)
                .append(",\n  \"root\": ").append(quote(root)).append(",\n  \"files\": [");
        for (int i = 0; i < files.size(); i++) {
            FileEntry f = files.get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\n      \"path\": ").append(quote(f.path()))
                    .append(",\n      \"size\": ").append(f.size())
                    .append(",\n      \"digest\": ").append(quote(f.digest().toString()));
            if (f.layer() != 0) b.append(",\n      \"layer\": ").append(f.layer());
            b.append("\n    }");
        }
        b.append(files.isEmpty() ? "]" : "\n  ]");
        if (!plugins.isEmpty()) b.append(",\n  \"plugins\": ").append(Formats.toJson(plugins));
        return b.append("\n}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return Formats.toJson(s);
    }
}
