package dev.scafctl.event;

import dev.scafctl.format.Sizes;
import dev.scafctl.plugin.Platform;

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

    /**
     * Bytes moved for one artifact, or for one platform of it: {@code done} of {@code total} (-1 when
     * unknown). A transfer reports as it goes and ends with one event whose {@code finished} is true.
     *
     * @param platform null for an artifact that is the same on every platform (a solution)
     */
    record Transfer(Direction direction, String name, String version, Platform platform, long done, long total,
                    boolean finished) implements Event {
        /** Which way the bytes go. */
        public enum Direction {
            /** From a catalog to this machine: a fetch into the plugin cache, a pull, a read-back. */
            DOWNLOAD("fetching", "fetched"),
            /** From this machine to a catalog: a push. */
            UPLOAD("pushing", "pushed");

            private final String ongoing;
            private final String done;

            Direction(String ongoing, String done) {
                this.ongoing = ongoing;
                this.done = done;
            }

            /** {@code fetching}, {@code pushing}. */
            public String ongoing() { return ongoing; }

            /** {@code fetched}, {@code pushed}. */
            public String done() { return done; }
        }

        /** What moves, as people name it: {@code big 1.2.0 linux/amd64}. */
        public String subject() {
            return name + " " + version + (platform == null ? "" : " " + platform);
        }

        /** {@code pushing big 1.2.0 linux/amd64: 13.0 MiB of 130.0 MiB}, then {@code pushed big 1.2.0 linux/amd64 (130.0 MiB)}. */
        public String describe() {
            if (finished) return direction.done() + " " + subject() + " (" + Sizes.human(done) + ")";
            return direction.ongoing() + " " + subject() + ": " + Sizes.human(done) + (total < 0 ? "" : " of " + Sizes.human(total));
        }
    }

    /**
     * Keys of a config file that this scafctl does not act on, all kept as written: those the Go
     * scafctl defines ({@code kept}) and those nobody does ({@code unknown}, typos most likely).
     */
    record ConfigKeys(String file, java.util.List<String> kept, java.util.List<String> unknown) implements Event {
        public String describe() {
            StringBuilder b = new StringBuilder();
            if (!kept.isEmpty()) b.append(file).append(": kept as written, not used by this scafctl: ").append(String.join(", ", kept));
            if (!unknown.isEmpty()) {
                if (b.length() > 0) b.append('\n');
                b.append(file).append(": unknown keys, kept as written (typos?): ").append(String.join(", ", unknown));
            }
            return b.toString();
        }
    }

    /** A resolver finished. */
    record ResolverDone(String resolver, String provider) implements Event {
        public String describe() { return "resolved " + resolver + " with " + provider; }
    }
}
