package dev.scafctl.plugin.sdk;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The entry point of a Java plugin:
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Plugin.serve(new EchoProvider());
 * }
 * }</pre>
 */
public final class Plugin {
    /** The magic cookie scafctl sets for provider plugins; without it the plugin refuses to run. */
    public static final String COOKIE_KEY = "SCAFCTL_PLUGIN";
    public static final String COOKIE_VALUE = "scafctl_provider_plugin";
    /** The app protocol version this SDK speaks (PLUGIN_PROTOCOL_VERSIONS). */
    public static final int APP_PROTOCOL = 1;

    // go-plugin's own words, so a user who runs any scafctl plugin by hand reads the same thing
    static final String NOT_TO_BE_RUN_DIRECTLY = """
            This binary is a plugin. These are not meant to be executed directly.
            Please execute the program that consumes these plugins, which will
            load any plugins automatically""";

    private Plugin() {
    }

    /** Serves the providers until the host shuts the plugin down or goes away, then exits the JVM. */
    public static void serve(Provider... providers) {
        System.exit(run(System.getenv(), List.of(providers), System.out, System.err));
    }

    /** Serves and returns the exit code instead of exiting. */
    static int run(Map<String, String> env, List<Provider> providers, PrintStream stdout, PrintStream stderr) {
        if (!COOKIE_VALUE.equals(env.get(COOKIE_KEY))) {
            stderr.println(NOT_TO_BE_RUN_DIRECTLY);
            stderr.flush();
            return 1;
        }
        // stdout belongs to the handshake line; anything else printed by providers goes to the host log
        System.setOut(stderr);
        try {
            PluginServer server = PluginServer.start(env, providers);
            stdout.println(server.handshakeLine());
            stdout.flush();
            HostWatch.start(server::stop);
            server.awaitStop();
            return 0;
        } catch (RuntimeException e) {
            stderr.println("plugin failed to start: " + e.getMessage());
            stderr.flush();
            return 1;
        }
    }
}
