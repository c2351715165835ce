package dev.scafctl.examples.echo;

import dev.scafctl.plugin.sdk.Plugin;

/** The echo plugin's entry point: serves {@code echo}, {@code upper} and {@code request}. */
public final class EchoPlugin {
    private EchoPlugin() {
    }

    public static void main(String[] args) {
        Plugin.serve(new EchoProvider(), new UpperProvider(), new RequestProvider());
    }
}
