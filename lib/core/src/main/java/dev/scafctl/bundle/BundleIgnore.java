package dev.scafctl.bundle;

import dev.scafctl.error.ScafctlException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code .scafctlignore} beside the solution file: the files a bundle leaves out, in the subset of
 * gitignore the Go tool reads. One pattern a line; blank lines and {@code #} comments skipped;
 * {@code !} takes a file back in; a leading {@code /} anchors to the solution's directory; a
 * trailing {@code /} names a directory and everything under it. An unanchored pattern matches the
 * whole path, its file name or any tail of it. The last pattern that matches decides.
 */
final class BundleIgnore {
    static final String FILE = ".scafctlignore";

    private record Rule(Predicate<String> glob, String prefix, boolean negated, boolean anchored) {
    }

    private final List<Rule> rules;

    private BundleIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    static BundleIgnore load(Path root) {
        Path file = root.resolve(FILE);
        if (!Files.isRegularFile(file)) return new BundleIgnore(List.of());
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ScafctlException("cannot read " + file + ": " + e.getMessage(), "check the file's permissions");
        }
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            boolean negated = line.startsWith("!");
            if (negated) line = line.substring(1);
            boolean anchored = line.startsWith("/");
            if (anchored) line = line.substring(1);
            boolean dir = line.endsWith("/");
            while (line.endsWith("/")) line = line.substring(0, line.length() - 1);
            if (line.isEmpty()) continue;
            rules.add(dir ? new Rule(null, line, negated, anchored)
                    : new Rule(BundleFiles.globMatcher(line), null, negated, anchored));
        }
        return new BundleIgnore(rules);
    }

    boolean ignores(String rel) {
        boolean ignored = false;
        for (Rule r : rules) {
            if (matches(r, rel)) ignored = !r.negated();
        }
        return ignored;
    }

    private static boolean matches(Rule r, String rel) {
        if (r.prefix() != null) {
            if (rel.equals(r.prefix()) || rel.startsWith(r.prefix() + "/")) return true;
            return !r.anchored() && rel.contains("/" + r.prefix() + "/");
        }
        if (r.glob().test(rel)) return true;
        if (r.anchored()) return false;
        String[] parts = rel.split("/");
        for (int i = 1; i < parts.length; i++) {
            if (r.glob().test(String.join("/", List.of(parts).subList(i, parts.length)))) return true;
        }
        return false;
    }
}
