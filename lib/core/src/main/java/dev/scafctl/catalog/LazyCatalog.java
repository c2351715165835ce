package dev.scafctl.catalog;

import dev.scafctl.oci.Digest;

import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A catalog opened on first use. A chain of lazy remotes costs nothing (no registry client, no
 * connection) until a lookup actually reaches one of them.
 */
final class LazyCatalog implements Catalog {
    private final String name;
    private final Supplier<Catalog> opener;
    private Catalog opened;

    LazyCatalog(String name, Supplier<Catalog> opener) {
        this.name = name;
        this.opener = opener;
    }

    private synchronized Catalog delegate() {
        if (opened == null) opened = opener.get();
        return opened;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> versions(ArtifactKind kind, String n) {
        return delegate().versions(kind, n);
    }

    @Override
    public Optional<ArtifactInfo> describe(ArtifactKind kind, String n, String version) {
        return delegate().describe(kind, n, version);
    }

    @Override
    public void fetchBlob(ArtifactKind kind, String n, Digest digest, long size, OutputStream out) {
        delegate().fetchBlob(kind, n, digest, size, out);
    }

    @Override
    public List<ArtifactSummary> list(ArtifactKind kind, String n) {
        return delegate().list(kind, n);
    }

    @Override
    public void delete(ArtifactKind kind, String n, String version) {
        delegate().delete(kind, n, version);
    }

    @Override
    public void tag(ArtifactKind kind, String n, String version, String alias) {
        delegate().tag(kind, n, version, alias);
    }

    @Override
    public String toString() {
        return name;
    }
}
