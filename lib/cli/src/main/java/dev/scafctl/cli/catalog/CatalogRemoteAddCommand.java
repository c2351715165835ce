package dev.scafctl.cli.catalog;

import dev.scafctl.cli.config.CatalogEntryOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl catalog remote add}, the same as {@code config add-catalog}. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a catalog to the chain, after those configured, e.g. add team --url oci://ghcr.io/myorg.")
public final class CatalogRemoteAddCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CatalogEntryOptions entry;

    @Override
    public Integer call() {
        entry.add(spec);
        return 0;
    }
}
