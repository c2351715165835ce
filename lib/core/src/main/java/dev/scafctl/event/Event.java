package dev.scafctl.event;

/**
 * Something the library reports while it works. The library never prints: a CLI draws
 * these, a script logs them, a test records them.
 */
public interface Event {
    /** One line a person can read. */
    String describe();

    /** Free-form progress note, e.g. "resolving plugin echo". */
    record Note(String text) implements Event {
        public String describe() { return text; }
    }

    /** A warning the user should see, even without --verbose. */
    record Warning(String text) implements Event {
        public String describe() { return "warning: " + text; }
    }

    /** A log line from a plugin process (its stderr), prefixed with the plugin name. */
    record PluginLog(String plugin, String line) implements Event {
        public String describe() { return "[" + plugin + "] " + line; }
    }

    /** Output a provider streams while it runs (stdout or stderr chunk). */
    record ProviderOutput(String provider, boolean stderr, byte[] data) implements Event {
        public String describe() { return new String(data, java.nio.charset.StandardCharsets.UTF_8); }
    }

    /** Bytes moved for one transfer; total is -1 when unknown. */
    record Transfer(String id, long done, long total, boolean finished) implements Event {
        public String describe() { return id + " " + done + "/" + total; }
    }

    /** A resolver finished. */
    record ResolverDone(String resolver, String provider) implements Event {
        public String describe() { return "resolved " + resolver + " with " + provider; }
    }
}
