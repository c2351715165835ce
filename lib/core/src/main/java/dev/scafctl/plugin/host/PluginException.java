package dev.scafctl.plugin.host;

import dev.scafctl.error.ScafctlException;

/** A plugin could not be started, broke while in use, or could not be stopped cleanly. */
public class PluginException extends ScafctlException {
    static final String AUTHOR = "report it to the plugin's author, with this message";
    static final String NOT_A_PLUGIN = "this binary is not a scafctl plugin: check the path, or fetch the plugin again";

    private final String plugin;

    public PluginException(String plugin, String message, String nextStep) {
        this(plugin, message, nextStep, null);
    }

    public PluginException(String plugin, String message, String nextStep, Throwable cause) {
        super(message, nextStep, cause);
        this.plugin = plugin;
    }

    public String plugin() {
        return plugin;
    }
}
