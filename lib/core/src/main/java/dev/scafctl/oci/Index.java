package dev.scafctl.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An OCI image index: the per-platform manifests of a plugin, or the {@code index.json} of an
 * image layout (where each entry carries its tag in {@code org.opencontainers.image.ref.name}).
 */
public record Index(String mediaType, List<Descriptor> manifests, Map<String, String> annotations) {
    public Index {
        manifests = List.copyOf(manifests);
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    public static Index of(List<Descriptor> manifests, Map<String, String> annotations) {
        return new Index(MediaTypes.IMAGE_INDEX, manifests, annotations);
    }

    public static Index empty() {
        return of(List.of(), Map.of());
    }

    public static Index parse(byte[] json, String what) {
        return OciJson.index(json, what);
    }

    public byte[] toJson() {
        return OciJson.write(this);
    }

    public Index withManifests(List<Descriptor> list) {
        return new Index(mediaType, list, annotations);
    }

    public Index without(Predicate<Descriptor> drop) {
        return withManifests(manifests.stream().filter(drop.negate()).toList());
    }

    public Index plus(Descriptor d) {
        List<Descriptor> list = new ArrayList<>(manifests);
        list.add(d);
        return withManifests(list);
    }

    public String annotation(String key) {
        return annotations.get(key);
    }
}
