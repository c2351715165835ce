package dev.scafctl.oci;

import dev.scafctl.plugin.Platform;

import java.util.Map;
import java.util.TreeMap;

/**
 * An OCI content descriptor: what a blob is, its digest and size, and optional annotations and
 * platform (index entries). Annotations are kept sorted so written JSON is deterministic.
 */
public record Descriptor(String mediaType, Digest digest, long size, Map<String, String> annotations,
                         Platform platform) {
    public Descriptor {
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, Map.of(), null);
    }

    public static Descriptor of(String mediaType, byte[] content) {
        return of(mediaType, Digest.of(content), content.length);
    }

    public Descriptor withAnnotations(Map<String, String> a) {
        return new Descriptor(mediaType, digest, size, a, platform);
    }

    public Descriptor withAnnotation(String key, String value) {
        Map<String, String> a = new TreeMap<>(annotations);
        if (value == null) a.remove(key); else a.put(key, value);
        return withAnnotations(a);
    }

    public Descriptor withPlatform(Platform p) {
        return new Descriptor(mediaType, digest, size, annotations, p);
    }

    public String annotation(String key) {
        return annotations.get(key);
    }
}
