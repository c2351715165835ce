package dev.scafctl.cli.config;

import dev.scafctl.cli.Cli;
import dev.scafctl.config.CatalogConfig;
import dev.scafctl.error.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code scafctl config add-catalog}, with the Go scafctl's flags and this one's ({@code --insecure},
 * {@code --ca-file}); {@code catalog remote add} is the same command under the Go scafctl's other name.
 */
@Command(name = "add-catalog", mixinStandardHelpOptions = true,
        description = "Add a catalog to the chain, after those configured (the same as 'catalog remote add').")
public class ConfigAddCatalogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE",
            description = "oci, filesystem or http; without it, filesystem for --path and oci for --url.")
    String type;

    @Option(names = {"-u", "--url"}, paramLabel = "URL", description = "For oci: [oci://]host[:port][/path], e.g. oci://ghcr.io/myorg.")
    String url;

    @Option(names = {"-p", "--path"}, paramLabel = "DIR", description = "For filesystem: a directory mirror.")
    String path;

    @Option(names = {"-d", "--default"}, description = "Make it settings.defaultCatalog.")
    boolean makeDefault;

    @Option(names = {"-f", "--force"}, description = "Replace a catalog of the same name.")
    boolean force;

    @Option(names = "--insecure", description = "Allow plain HTTP (loopback hosts always may).")
    boolean insecure;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "Extra CA certificates (PEM) to trust for it.")
    Path caFile;

    @Option(names = "--auth-provider", paramLabel = "NAME",
            description = "The Go scafctl's auth handler for it (e.g. github); kept for the Go scafctl, shown by 'catalog remote list'.")
    String authProvider;

    @Option(names = "--auth-scope", paramLabel = "SCOPE", description = "The OAuth scope that handler asks for; kept likewise.")
    String authScope;

    @Override
    public Integer call() {
        String t = type != null ? type : path != null ? CatalogConfig.FILESYSTEM : url != null ? CatalogConfig.OCI : null;
        if (t == null) {
            throw new InvalidInputException("catalog '" + name + "' needs a location",
                    "give --url URL for a registry (oci) or --path DIR for a directory (filesystem)");
        }
        CatalogConfig c = new CatalogConfig(name, t, url, path, insecure, caFile == null ? null : caFile.toString(),
                authProvider, authScope);
        Cli.scafctl().catalogs().addCatalog(c, makeDefault, force);
        spec.commandLine().getErr().println("added catalog " + name + (makeDefault ? " (default)" : ""));
        return 0;
    }
}
