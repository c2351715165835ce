package dev.scafctl.cli.catalog;

import dev.scafctl.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code scafctl catalog load}. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load an OCI image-layout tar (from 'catalog save') into the local catalog; every blob is verified.")
public final class CatalogLoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE.tar")
    Path file;

    @Override
    public Integer call() {
        for (var l : Cli.scafctl().catalogs().load(file)) {
            spec.commandLine().getOut().println("loaded " + l.kind() + " " + l.name() + "@" + l.version() + " " + l.digest());
        }
        return 0;
    }
}
