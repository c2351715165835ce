package dev.scafctl.cli.config;

import dev.scafctl.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code scafctl config add-catalog}. */
@Command(name = "add-catalog", mixinStandardHelpOptions = true,
        description = "Add (or replace) a catalog in the config; remote catalogs are searched in the order they were added.")
public final class ConfigAddCatalogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--type", defaultValue = "oci", paramLabel = "TYPE", description = "oci (default) or filesystem.")
    String type;

    @Option(names = "--url", paramLabel = "URL", description = "For oci: host[:port][/path], e.g. ghcr.io/myorg.")
    String url;

    @Option(names = "--path", paramLabel = "DIR", description = "For filesystem: a directory mirror.")
    Path path;

    @Option(names = "--default", description = "Make it settings.defaultCatalog.")
    boolean makeDefault;

    @Option(names = "--insecure", description = "Allow plain HTTP (loopback hosts always may).")
    boolean insecure;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "Extra CA certificates (PEM) to trust for it.")
    Path caFile;

    @Override
    public Integer call() {
        var catalogs = Cli.scafctl().catalogs();
        if (path != null) {
            catalogs.addFilesystemCatalog(name, path, makeDefault);
        } else {
            catalogs.addCatalog(name, type, url, makeDefault, insecure, caFile);
        }
        spec.commandLine().getErr().println("added catalog " + name + (makeDefault ? " (default)" : ""));
        return 0;
    }
}
