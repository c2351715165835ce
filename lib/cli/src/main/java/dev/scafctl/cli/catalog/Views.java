package dev.scafctl.cli.catalog;

import dev.scafctl.catalog.ArtifactInfo;
import dev.scafctl.catalog.ArtifactSummary;
import dev.scafctl.catalog.PlatformBlob;
import dev.scafctl.oci.Descriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Catalog results as printable documents and table rows. */
final class Views {
    private Views() {
    }

    static Map<String, Object> summary(ArtifactSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("catalog", s.catalog());
        m.put("kind", s.kind().id());
        m.put("name", s.name());
        m.put("version", s.version());
        m.put("digest", s.digest() == null ? null : s.digest().toString());
        return m;
    }

    static Map<String, Object> info(ArtifactInfo i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("catalog", i.catalog());
        m.put("kind", i.kind().id());
        m.put("name", i.name());
        m.put("version", i.version());
        m.put("digest", i.digest().toString());
        m.put("mediaType", i.mediaType());
        m.put("size", i.size());
        m.put("origin", i.origin());
        List<Map<String, Object>> platforms = new ArrayList<>();
        for (PlatformBlob p : i.platforms()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("platform", p.platform() == null ? null : p.platform().toString());
            pm.put("digest", p.blobDigest().toString());
            pm.put("size", p.size());
            pm.put("manifest", p.manifestDigest().toString());
            platforms.add(pm);
        }
        if (!platforms.isEmpty()) m.put("platforms", platforms);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (Descriptor l : i.layers()) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("mediaType", l.mediaType());
            lm.put("digest", l.digest().toString());
            lm.put("size", l.size());
            layers.add(lm);
        }
        if (!layers.isEmpty()) m.put("layers", layers);
        m.put("annotations", new java.util.TreeMap<>(i.annotations()));
        return m;
    }

    /** One row per platform (or one for a solution). */
    static List<Map<String, Object>> infoRows(ArtifactInfo i) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (i.platforms().isEmpty()) {
            long size = i.layers().stream().mapToLong(Descriptor::size).sum();
            rows.add(row(i, "", i.digest().toString(), size));
        }
        for (PlatformBlob p : i.platforms()) {
            rows.add(row(i, p.platform() == null ? "(any)" : p.platform().toString(), p.blobDigest().toString(), p.size()));
        }
        return rows;
    }

    private static Map<String, Object> row(ArtifactInfo i, String platform, String digest, long size) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("kind", i.kind().id());
        r.put("name", i.name());
        r.put("version", i.version());
        r.put("platform", platform);
        r.put("digest", digest);
        r.put("size", size);
        r.put("origin", i.origin());
        return r;
    }
}
