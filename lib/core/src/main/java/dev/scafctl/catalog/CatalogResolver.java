package dev.scafctl.catalog;

import dev.scafctl.config.CatalogConfig;
import dev.scafctl.config.Config;
import dev.scafctl.error.InvalidInputException;
import dev.scafctl.oci.Reference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves {@code --catalog VALUE}: a value with {@code .} or {@code :} is a URL used directly; a
 * plain word is a catalog of the chain (a configured one, or the official one); no value means
 * the default catalog ({@code settings.defaultCatalog}, itself a name or a URL, else the official
 * catalog); none of these is an error naming the command that fixes it.
 */
public final class CatalogResolver {
    private final Config config;

    public CatalogResolver(Config config) {
        this.config = config;
    }

    public CatalogTarget resolve(String value) {
        if (value != null && !value.isBlank()) return resolveValue(value.trim(), "--catalog");
        String def = config.defaultCatalog();
        if (def != null) return resolveValue(def, "settings.defaultCatalog");
        throw new InvalidInputException("no catalog given and no default catalog configured",
                "name one with --catalog NAME|URL, or configure a default: "
                        + "scafctl config add-catalog NAME --type oci --url URL --default");
    }

    /** The OCI catalogs of the chain in order (the configured ones, then the official one): its remote part. */
    public List<CatalogTarget> configured() {
        List<CatalogTarget> out = new ArrayList<>();
        for (CatalogConfig c : config.chain()) if (c.isOci()) out.add(target(c));
        return out;
    }

    /** A registry host with the TLS settings of the first configured catalog on it (or the defaults). */
    public CatalogTarget forRegistry(String host) {
        for (CatalogConfig c : config.chain()) {
            if (c.isOci() && Reference.parseCatalogUrl(c.url()).registry().equals(host)) {
                return new CatalogTarget(host, Reference.parseCatalogUrl(host), c.insecure(), caFile(c));
            }
        }
        return new CatalogTarget(host, Reference.parseCatalogUrl(host), false, null);
    }

    private CatalogTarget resolveValue(String value, String source) {
        if (value.contains(".") || value.contains(":")) {
            Reference url = Reference.parseCatalogUrl(value);
            // a URL that matches a configured catalog keeps that catalog's TLS settings
            for (CatalogConfig c : config.chain()) {
                if (c.isOci() && Reference.parseCatalogUrl(c.url()).equals(url)) {
                    return new CatalogTarget(value, url, c.insecure(), caFile(c));
                }
            }
            return new CatalogTarget(value, url, false, null);
        }
        if (Config.LOCAL.equals(value)) {
            throw new InvalidInputException("'local' is the local catalog, not a remote one (from " + source + ")",
                    "leave out --catalog to use the local catalog, or name a remote catalog");
        }
        CatalogConfig c = config.catalog(value).orElseThrow(() -> new InvalidInputException(
                "unknown catalog '" + value + "' (from " + source + "); configured catalogs: "
                        + (config.catalogNames().isEmpty() ? "none" : String.join(", ", config.catalogNames())),
                "use one of them, a URL such as ghcr.io/myorg, or add it: scafctl config add-catalog "
                        + value + " --type oci --url URL"));
        if (!c.isOci()) {
            throw new InvalidInputException("catalog '" + value + "' is a " + c.type() + " catalog, not an OCI registry",
                    "push, delete, list and tag work on oci catalogs");
        }
        return target(c);
    }

    private static CatalogTarget target(CatalogConfig c) {
        return new CatalogTarget(c.name(), Reference.parseCatalogUrl(c.url()), c.insecure(), caFile(c));
    }

    private static Path caFile(CatalogConfig c) {
        return c.caFile() == null ? null : Path.of(c.caFile());
    }
}
