package dev.scafctl.oci;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An OCI image manifest (schemaVersion 2): one config blob, the layers, annotations. */
public record Manifest(String mediaType, Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {
    public Manifest {
        layers = List.copyOf(layers);
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    public static Manifest of(Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {
        return new Manifest(MediaTypes.IMAGE_MANIFEST, config, layers, annotations);
    }

    public static Manifest parse(byte[] json, String what) {
        return OciJson.manifest(json, what);
    }

    /** The canonical bytes; the digest of a manifest is the digest of exactly these bytes. */
    public byte[] toJson() {
        return OciJson.write(this);
    }

    public String annotation(String key) {
        return annotations.get(key);
    }
}
