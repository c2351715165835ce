package dev.scafctl.cli.config;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl config add-catalog}, the same as {@code catalog remote add}. */
@Command(name = "add-catalog", mixinStandardHelpOptions = true,
        description = "Add a catalog to the chain, after those configured (the same as 'catalog remote add').")
public final class ConfigAddCatalogCommand implements Callable<Integer> {
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
