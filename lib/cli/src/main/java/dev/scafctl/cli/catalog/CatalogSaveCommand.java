package dev.scafctl.cli.catalog;

import dev.scafctl.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code scafctl catalog save}. */
@Command(name = "save", mixinStandardHelpOptions = true,
        description = "Write a version (every platform) to an OCI image-layout tar, for air-gapped sites.")
public final class CatalogSaveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME@VERSION", description = "Optionally KIND/NAME@VERSION.")
    String ref;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.tar")
    Path file;

    @Override
    public Integer call() {
        var saved = Cli.scafctl().catalogs().save(ref, file);
        spec.commandLine().getOut().println("saved " + saved + " to " + file);
        return 0;
    }
}
