package dev.scafctl.cli;

import com.sun.net.httpserver.HttpServer;
import dev.scafctl.catalog.ArtifactKind;
import dev.scafctl.event.EventListener;
import dev.scafctl.oci.Digest;
import dev.scafctl.oci.Reference;
import dev.scafctl.plugin.Platform;
import dev.scafctl.plugin.PluginCache;
import dev.scafctl.plugin.host.HostOptions;
import dev.scafctl.plugin.host.PluginClient;
import dev.scafctl.plugin.host.PluginLaunch;
import dev.scafctl.registry.CredentialStore;
import dev.scafctl.registry.RegistryClient;
import dev.scafctl.registry.RegistryOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run of the start-up cache ({@link StartupCache}), once per build: one JVM that runs a solution,
 * fetches a blob from a loopback registry into a plugin cache, and starts and stops a plugin, so
 * the archive holds the classes of those paths too (the HTTP client and TLS set-up, the plugin
 * host's gRPC transport, protobuf), not only those of a plain solution run. Nothing leaves the
 * machine; everything it writes goes to a temporary directory it removes.
 */
public final class Training {
    private Training() {
    }

    /** {@code Training [SOLUTION]}: the solution a plain run trains on; by default examples/hello, which the jar carries. */
    public static void main(String[] args) throws Exception {
        System.setProperty("picocli.disable.closures", "true");   // as in Main, so no Groovy runtime is archived
        Path dir = Files.createTempDirectory("scafctl-training-");
        try {
            StartupCache.fingerprint();   // every start computes it
            Main.run("run", "solution", "-f", args.length > 0 ? args[0] : hello(dir).toString());
            // every other command's classes too: a command line builds only its own branch
            Main.newCommandLine();
            // each path is trained on where it works; an archive without one of them is only slower
            try {
                fetch(dir);
            } catch (Exception | LinkageError e) {
                System.err.println("training: fetch skipped: " + e);
            }
            try {
                launch(dir);
            } catch (Exception | LinkageError e) {
                System.err.println("training: plugin start skipped: " + e);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static Path hello(Path dir) throws IOException {
        Path solution = dir.resolve("solution.yaml");
        try (InputStream in = Training.class.getResourceAsStream("training/solution.yaml")) {
            if (in == null) throw new IOException("the jar carries no training solution (dev/scafctl/cli/training/solution.yaml)");
            Files.copy(in, solution);
        }
        return solution;
    }

    private static void fetch(Path dir) throws IOException {
        byte[] blob = "training".repeat(1024).getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.of(blob);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", exchange -> {
            exchange.sendResponseHeaders(200, blob.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(blob);
            }
        });
        server.start();
        try {
            String host = "127.0.0.1:" + server.getAddress().getPort();
            RegistryClient client = RegistryClient.open(new RegistryOptions(host, false, null),
                    new CredentialStore(dir.resolve("auth.json"), dir.resolve("docker.json")));
            new PluginCache(dir.resolve("cache")).store("training", "1.0.0", Platform.current(), digest, blob.length,
                    out -> client.fetchBlob(Reference.parse(host + "/training/plugin"), digest, blob.length, out, n -> { }),
                    EventListener.NONE);
        } finally {
            server.stop(0);
        }
    }

    private static void launch(Path dir) throws IOException {
        // with its digest, as a run launches a cached plugin: through the hashed private copy
        Path script = TrainingPlugin.script(dir);
        PluginClient.start(new PluginLaunch("training", script, ArtifactKind.PROVIDER, Digest.of(script)),
                HostOptions.defaults(), EventListener.NONE).stop();
    }
}
