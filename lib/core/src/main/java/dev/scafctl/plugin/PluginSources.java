package dev.scafctl.plugin;

import dev.scafctl.config.CatalogConfig;
import dev.scafctl.config.Config;
import dev.scafctl.config.Paths;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the catalog chain for plugins from the config: the local catalog first, then the
 * configured catalogs in config order, then the official one (see {@link Config#chain()}); http
 * catalogs are not searched, as in the Go scafctl. Registry-backed sources come from
 * {@code remote}, which is only called here, when a chain is actually needed.
 */
public final class PluginSources {
    private PluginSources() {
    }

    public static List<PluginSource> chain(Config config, Paths paths, PluginSource local,
                                           Function<CatalogConfig, PluginSource> remote) {
        List<PluginSource> chain = new ArrayList<>();
        if (local != null) chain.add(local);
        for (CatalogConfig c : config.chain()) {
            if (CatalogConfig.FILESYSTEM.equals(c.type())) {
                chain.add(new FilesystemSource(c.name(), c.directory(paths.configDir())));
            } else if (c.isOci() && remote != null) {
                chain.add(remote.apply(c));
            }
        }
        return chain;
    }
}
