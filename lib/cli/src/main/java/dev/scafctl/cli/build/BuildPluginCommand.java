package dev.scafctl.cli.build;

import dev.scafctl.catalog.ArtifactInfo;
import dev.scafctl.catalog.ArtifactKind;
import dev.scafctl.cli.Cli;
import dev.scafctl.error.InvalidInputException;
import dev.scafctl.plugin.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code scafctl build plugin}. */
@Command(name = "plugin",
        description = "Store plugin binaries in the local catalog as one OCI image index with a manifest per platform.")
public final class BuildPluginCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    // declared here rather than through the standard mixin: this command's --version is the artifact's
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The plugin's name.")
    String name;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "provider or auth-handler.")
    String kind;

    @Option(names = "--version", required = true, paramLabel = "VERSION", description = "A semantic version.")
    String version;

    @Option(names = "--platform", required = true, paramLabel = "OS/ARCH=PATH",
            description = "A binary for one platform, e.g. linux/amd64=./bin/plugin; repeatable.")
    List<String> platforms = new ArrayList<>();

    @Option(names = "--provides", paramLabel = "PROVIDER", split = ",",
            description = "Provider names the plugin serves (annotation dev.scafctl.plugin.providers).")
    List<String> provides = new ArrayList<>();

    @Option(names = "--force", description = "Replace an existing version.")
    boolean force;

    @Override
    public Integer call() {
        ArtifactKind k = ArtifactKind.fromId(kind).filter(ArtifactKind::isPlugin).orElseThrow(() ->
                new InvalidInputException("invalid --kind '" + kind + "'", "use --kind provider or --kind auth-handler"));
        Map<Platform, Path> binaries = new LinkedHashMap<>();
        for (String p : platforms) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new InvalidInputException("invalid --platform '" + p + "'", "write it as os/arch=PATH, e.g. linux/amd64=./bin/plugin");
            }
            Platform platform = Platform.parse(p.substring(0, eq));
            if (binaries.put(platform, Path.of(p.substring(eq + 1))) != null) {
                throw new InvalidInputException("--platform " + platform + " given twice", "give one binary per platform");
            }
        }
        ArtifactInfo info = Cli.scafctl().catalogs().buildPlugin(k, name, version, binaries, provides, force);
        spec.commandLine().getOut().println("built " + k + " " + info.name() + "@" + info.version() + " " + info.digest()
                + " (" + info.platforms().size() + " platform" + (info.platforms().size() == 1 ? "" : "s") + ")");
        return 0;
    }
}
