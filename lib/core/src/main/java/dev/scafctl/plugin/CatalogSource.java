package dev.scafctl.plugin;

import dev.scafctl.catalog.ArtifactInfo;
import dev.scafctl.catalog.ArtifactKind;
import dev.scafctl.catalog.Catalog;
import dev.scafctl.catalog.PlatformBlob;
import dev.scafctl.oci.Digest;

import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/** A catalog (the local OCI layout or a registry) seen as a source of plugin binaries. */
public final class CatalogSource implements PluginSource {
    private final Catalog catalog;

    public CatalogSource(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return catalog.name();
    }

    @Override
    public List<String> versions(String name, ArtifactKind kind) {
        return catalog.versions(kind, name);
    }

    @Override
    public Optional<PluginArtifact> describe(String name, ArtifactKind kind, String version) {
        return catalog.describe(kind, name, version).map(info -> toArtifact(info, version));
    }

    private PluginArtifact toArtifact(ArtifactInfo info, String version) {
        List<PluginBinary> binaries = info.platforms().stream()
                .map(CatalogSource::binary)
                .toList();
        return new PluginArtifact(info.name(), info.kind(), version, catalog.name(), binaries);
    }

    @Override
    public void fetch(PluginArtifact artifact, PluginBinary binary, OutputStream out) {
        catalog.fetchBlob(artifact.kind(), artifact.name(), Digest.parse(binary.locator()), binary.size(), out);
    }

    /** The binary layer's digest is both what a download must hash to and how the catalog finds the blob. */
    private static PluginBinary binary(PlatformBlob b) {
        return new PluginBinary(b.platform(), b.blobDigest(), b.size(), b.blobDigest().toString());
    }
}
