package dev.scafctl.catalog;

import dev.scafctl.error.ScafctlException;
import dev.scafctl.oci.Descriptor;
import dev.scafctl.oci.Digest;
import dev.scafctl.oci.MediaTypes;
import dev.scafctl.plugin.Platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One version of an artifact as a catalog describes it, without its binaries: the manifest or
 * index it is tagged with, its annotations, and for plugins every platform's binary digest and size.
 *
 * @param catalog   the catalog's name ({@code local}, a configured name, or a URL)
 * @param digest    the tagged manifest's or index's digest
 * @param mediaType an image manifest or an image index
 * @param layers    the layers of a single manifest (a solution's YAML); empty for an index
 * @param platforms plugins: one entry per platform; solutions: empty
 * @param origin    {@code built}, or where the artifact was pulled from; may be null
 */
public record ArtifactInfo(String catalog, ArtifactKind kind, String name, String version, Digest digest,
                           String mediaType, long size, Map<String, String> annotations, List<Descriptor> layers,
                           List<PlatformBlob> platforms, String origin) {
    public ArtifactInfo {
        annotations = Map.copyOf(annotations);
        layers = List.copyOf(layers);
        platforms = List.copyOf(platforms);
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /**
     * The binary for {@code wanted}: an index entry for the platform; else a manifest annotated with
     * it; else the one manifest that names no platform (a single-platform plugin). Empty when none fits.
     */
    public Optional<PlatformBlob> forPlatform(Platform wanted) {
        Optional<PlatformBlob> exact = platforms.stream().filter(p -> wanted.equals(p.platform())).findFirst();
        if (exact.isPresent()) return exact;
        if (!isIndex() && platforms.size() == 1 && platforms.get(0).platform() == null) return Optional.of(platforms.get(0));
        return Optional.empty();
    }

    /** Like {@link #forPlatform} but fails listing the platforms the artifact has. */
    public PlatformBlob requirePlatform(Platform wanted) {
        return forPlatform(wanted).orElseThrow(() -> new ScafctlException(
                kind + " " + name + "@" + version + " in catalog " + catalog + " has no binary for " + wanted
                        + "; it has: " + (platforms.isEmpty() ? "none" : String.join(", ",
                        platforms.stream().map(p -> p.platform() == null ? "(unnamed)" : p.platform().toString()).toList())),
                "ask its author to publish " + wanted + ", or run on one of the platforms it has"));
    }

    /** The single content layer of a solution (its YAML). */
    public Optional<Descriptor> contentLayer() {
        return layers.stream().filter(l -> l.mediaType().equals(kind.contentMediaType())).findFirst();
    }
}
