package dev.scafctl.plugin;

import dev.scafctl.config.CatalogConfig;
import dev.scafctl.config.Config;
import dev.scafctl.config.Paths;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the catalog chain for plugins from the config: the local catalog first, then every
 * configured catalog in config order. Registry-backed sources come from {@code remote}, which
 * is only called here, when a chain is actually needed.
 */
public final class PluginSources {
    private PluginSources() {
    }

    public static List<PluginSource> chain(Config config, Paths paths, PluginSource local,
                                           Function<CatalogConfig, PluginSource> remote) {
        List<PluginSource> chain = new ArrayList<>();
        if (local != null) chain.add(local);
        for (CatalogConfig c : config.catalogs()) {
            if (CatalogConfig.FILESYSTEM.equals(c.type())) {
                Path dir = Path.of(c.path());
                if (!dir.isAbsolute()) dir = paths.configDir().resolve(dir);
                chain.add(new FilesystemSource(c.name(), dir));
            } else if (remote != null) {
                chain.add(remote.apply(c));
            }
        }
        return chain;
    }
}
