package dev.scafctl.cli.config;

import dev.scafctl.cli.Cli;
import dev.scafctl.config.ConfigStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code scafctl config init}. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a starter config file, with the settings and catalogs explained; an existing file is kept unless --force.")
public final class ConfigInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of the config file.")
    Path output;

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Option(names = "--dry-run", description = "Print the starter config instead of writing it.")
    boolean dryRun;

    @Override
    public Integer call() {
        ConfigStore store = output != null ? new ConfigStore(output) : Cli.scafctl().configStore();
        if (dryRun) {
            spec.commandLine().getErr().println("# would write " + store.file());
            spec.commandLine().getOut().print(ConfigStore.starter());
            spec.commandLine().getOut().flush();
            return 0;
        }
        spec.commandLine().getErr().println("created config file " + store.init(force) + "; 'scafctl config validate' checks it");
        return 0;
    }
}
