package dev.scafctl.dsl

import dev.scafctl.config.CatalogConfig
import dev.scafctl.config.Config
import groovy.transform.CompileStatic

/** {@code catalogs { ... }}: the catalogs a workflow uses, on top of (or instead of) the config file's. */
@CompileStatic
class CatalogsSpec {
    private final List<CatalogConfig> declared = []
    private String defaultCatalog
    private boolean replace

    /** An OCI registry catalog: {@code oci 'dev', url: 'localhost:5000/scafctl', insecure: true}. */
    void oci(Map<String, Object> options, String name) {
        String url = options.get('url') as String
        declared << new CatalogConfig(name, CatalogConfig.OCI, url, null,
                (options.get('insecure') ?: false) as boolean, options.get('caFile') as String)
    }

    void oci(String name, String url) {
        declared << CatalogConfig.oci(name, url, false)
    }

    /** A directory mirror in the plugin cache's layout, for air-gapped sites. */
    void filesystem(String name, String path) {
        declared << CatalogConfig.filesystem(name, path)
    }

    /** The catalog push and delete use when none is named. */
    void defaultCatalog(String nameOrUrl) {
        defaultCatalog = nameOrUrl
    }

    /** Ignore the config file's catalogs, and the official one: only those declared here are used. */
    void only() {
        replace = true
    }

    /** The declared catalogs applied to {@code base}; same-named catalogs are replaced. */
    Config applyTo(Config base) {
        Config config = replace ? Config.empty().withSettings(Config.Settings.EMPTY.withDisableOfficialCatalog(true)) : base
        for (CatalogConfig c : declared) config = config.withCatalog(c)
        if (defaultCatalog != null) config = config.withSettings(config.settings().withDefaultCatalog(defaultCatalog))
        config
    }
}
