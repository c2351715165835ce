package dev.scafctl.bundle;

import dev.scafctl.error.InvalidInputException;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.solution.ResolverSpec;
import dev.scafctl.solution.Solution;
import dev.scafctl.solution.SourceSpec;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Which files a solution's bundle holds, as paths relative to the solution's directory with
 * {@code /} separators, in the order the Go tool finds them: the literal {@code path} of each
 * {@code file} provider that reads, then each {@code bundle.include} entry (a path, or a glob where
 * {@code **} spans directories, its matches in name order). A path that is absolute, climbs out with
 * {@code ..} or is a symlink to outside the directory is refused; directories are skipped, and so
 * is what {@code .scafctlignore} leaves out.
 */
public final class BundleFiles {
    private BundleFiles() {
    }

    public static List<String> discover(Solution solution) {
        if (solution.source() == null) return List.of();
        Path root = solution.source().toAbsolutePath().getParent();
        Set<String> found = new LinkedHashSet<>();
        BundleIgnore ignore = BundleIgnore.load(root);
        for (String path : fileProviderPaths(solution)) {
            // a file that does not exist yet may be one the solution writes, so it is left out, not refused
            if (Files.isRegularFile(root.resolve(path))) add(root, path, found, ignore, "spec.resolvers");
        }
        for (String entry : solution.include()) {
            String pattern = entry.startsWith("./") ? entry.substring(2) : entry;
            if (!isGlob(pattern)) {
                Path p = root.resolve(pattern);
                checkRelative(pattern, "bundle.include");
                if (!Files.exists(p)) {
                    throw new InvalidInputException("bundle.include: file not found: " + entry + " (looked in " + root + ")",
                            "fix the path; bundle.include paths are relative to the solution file");
                }
                if (Files.isRegularFile(p)) add(root, pattern, found, ignore, "bundle.include");
                continue;
            }
            for (String match : glob(root, pattern)) add(root, match, found, ignore, "bundle.include");
        }
        return new ArrayList<>(found);
    }

    private static List<String> fileProviderPaths(Solution solution) {
        List<String> out = new ArrayList<>();
        for (ResolverSpec r : solution.resolvers().values()) {
            for (SourceSpec s : r.sources()) {
                if (!"file".equals(s.provider())) continue;
                Object op = s.inputs().get("operation");
                if (op != null && !"read".equals(op)) continue;
                if (s.inputs().get("path") instanceof String p && !p.isBlank() && !p.contains("://") && !p.contains("@")
                        && !Path.of(p).isAbsolute() && !p.startsWith("../") && !p.equals("..")) {
                    out.add(p.startsWith("./") ? p.substring(2) : p);
                }
            }
        }
        return out;
    }

    private static boolean isGlob(String pattern) {
        return pattern.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
    }

    private static List<String> glob(Path root, String pattern) {
        checkRelative(pattern, "bundle.include");
        Predicate<String> matcher = globMatcher(pattern);
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !Files.isDirectory(p))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(matcher)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ScafctlException("cannot list " + root + ": " + e.getMessage(), "check the directory's permissions");
        }
    }

    /** A glob over {@code /}-separated relative paths; {@code **} spans directories, and a leading {@code **}{@code /} may match none, as in Go's doublestar. */
    static Predicate<String> globMatcher(String pattern) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        PathMatcher top = pattern.startsWith("**/") ? FileSystems.getDefault().getPathMatcher("glob:" + pattern.substring(3)) : null;
        return rel -> matcher.matches(Path.of(rel)) || (top != null && top.matches(Path.of(rel)));
    }

    private static void checkRelative(String path, String where) {
        Path p = Path.of(path);
        if (p.isAbsolute() || path.startsWith("/")) {
            throw new InvalidInputException(where + ": absolute path not allowed in a bundle: " + path,
                    "write it relative to the solution file");
        }
        for (Path part : p) {
            if (part.toString().equals("..")) {
                throw new InvalidInputException(where + ": path climbs out of the solution's directory: " + path,
                        "bundle only files under the solution file's directory");
            }
        }
    }

    private static void add(Path root, String rel, Set<String> found, BundleIgnore ignore, String where) {
        String clean = Path.of(rel).normalize().toString().replace('\\', '/');
        checkRelative(clean, where);
        if (found.contains(clean) || ignore.ignores(clean)) return;
        try {
            Path real = root.resolve(clean).toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                throw new InvalidInputException(where + ": symlink escapes the solution's directory: " + clean + " -> " + real,
                        "copy the file under the solution's directory instead of linking to it");
            }
        } catch (IOException e) {
            throw new InvalidInputException(where + ": cannot read " + clean + ": " + e.getMessage(), "check the file");
        }
        found.add(clean);
    }
}
