package dev.scafctl.catalog;

import dev.scafctl.oci.Descriptor;
import dev.scafctl.oci.Digest;
import dev.scafctl.oci.Index;
import dev.scafctl.oci.Manifest;
import dev.scafctl.oci.MediaTypes;
import dev.scafctl.plugin.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds an {@link ArtifactInfo} from a tagged manifest or index; local and remote catalogs share it. */
final class Describer {
    private Describer() {
    }

    /**
     * @param readManifest reads a child manifest by digest (verified)
     * @param origin       overrides the manifest's origin annotation when not null
     */
    static ArtifactInfo describe(String catalog, ArtifactKind kind, String name, String version, String mediaType,
                                 Digest digest, byte[] bytes, Function<Digest, byte[]> readManifest, String origin) {
        String what = kind + " " + name + "@" + version;
        List<PlatformBlob> platforms = new ArrayList<>();
        List<Descriptor> layers = List.of();
        Map<String, String> annotations;
        if (MediaTypes.isIndex(mediaType)) {
            Index index = Index.parse(bytes, what);
            annotations = index.annotations();
            for (Descriptor entry : index.manifests()) {
                if (!MediaTypes.isManifest(entry.mediaType())) continue;
                Manifest child = Manifest.parse(readManifest.apply(entry.digest()), what + " " + entry.digest());
                Platform p = platformOf(entry) != null ? platformOf(entry) : platformOf(child);
                Descriptor binary = binaryLayer(child, kind);
                if (binary != null) platforms.add(new PlatformBlob(p, entry.digest(), binary.digest(), binary.size(), binary.mediaType()));
            }
        } else {
            Manifest m = Manifest.parse(bytes, what);
            annotations = m.annotations();
            layers = m.layers();
            if (kind.isPlugin()) {
                Descriptor binary = binaryLayer(m, kind);
                if (binary != null) {
                    platforms.add(new PlatformBlob(platformOf(m), digest,
                            binary.digest(), binary.size(), binary.mediaType()));
                }
            }
        }
        String o = origin != null ? origin : annotations.get(MediaTypes.ARTIFACT_ORIGIN);
        return new ArtifactInfo(catalog, kind, name, version, digest, mediaType, bytes.length, annotations, layers,
                platforms, o);
    }

    private static Descriptor binaryLayer(Manifest m, ArtifactKind kind) {
        for (Descriptor l : m.layers()) if (l.mediaType().equals(kind.contentMediaType())) return l;
        return m.layers().isEmpty() ? null : m.layers().get(0);
    }

    /** The platform an index entry names: its platform field, else scafctl's platform annotation; null for neither. */
    static Platform platformOf(Descriptor entry) {
        return entry.platform() != null ? entry.platform() : platformOf(entry.annotation(MediaTypes.PLUGIN_PLATFORM));
    }

    /** The platform a manifest's annotation names, or null. */
    static Platform platformOf(Manifest m) {
        return platformOf(m.annotation(MediaTypes.PLUGIN_PLATFORM));
    }

    private static Platform platformOf(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return Platform.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The artifact kind a manifest or index declares in {@code dev.scafctl.artifact.type}, or null. */
    static ArtifactKind declaredKind(String mediaType, byte[] bytes, String what) {
        Map<String, String> a = MediaTypes.isIndex(mediaType) ? Index.parse(bytes, what).annotations()
                : Manifest.parse(bytes, what).annotations();
        String t = a.get(MediaTypes.ARTIFACT_TYPE);
        return t == null ? null : ArtifactKind.fromId(t).orElse(null);
    }

    /** Every digest an artifact is made of: the top document, child manifests, configs and layers. */
    static List<Descriptor> children(String mediaType, byte[] bytes, String what) {
        List<Descriptor> out = new ArrayList<>();
        if (MediaTypes.isIndex(mediaType)) {
            out.addAll(Index.parse(bytes, what).manifests());
        } else {
            Manifest m = Manifest.parse(bytes, what);
            out.add(m.config());
            out.addAll(m.layers());
        }
        return out;
    }
}
