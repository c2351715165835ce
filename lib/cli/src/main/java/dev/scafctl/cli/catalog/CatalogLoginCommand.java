package dev.scafctl.cli.catalog;

import dev.scafctl.cli.Cli;
import dev.scafctl.error.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code scafctl catalog login}. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Check credentials against a registry and store them (config dir, credentials.json, mode 0600).")
public final class CatalogLoginCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REGISTRY", description = "host[:port]")
    String registry;

    @Option(names = {"-u", "--username"}, paramLabel = "USER")
    String username;

    @Option(names = "--password-stdin", description = "Read the password from stdin (the only way to pass it non-interactively).")
    boolean passwordStdin;

    @Override
    public Integer call() throws IOException {
        String password;
        var console = System.console();
        if (passwordStdin) {
            password = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } else if (console != null) {
            if (username == null) username = console.readLine("Username: ");
            char[] p = console.readPassword("Password: ");
            password = p == null ? "" : new String(p);
        } else {
            throw new InvalidInputException("no password given and no terminal to ask for one",
                    "pipe it in: echo \"$PASSWORD\" | scafctl catalog login " + registry + " --username USER --password-stdin");
        }
        Cli.scafctl().catalogs().login(registry, username, password);
        spec.commandLine().getOut().println("logged in to " + registry);
        return 0;
    }
}
