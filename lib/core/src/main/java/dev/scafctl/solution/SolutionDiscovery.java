package dev.scafctl.solution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the solution file of a directory when none is named, looking where the Go scafctl looks
 * and in the same order, so one project directory works with both tools: the folders
 * {@code scafctl/}, {@code .scafctl/} and the directory itself, and in each the first of
 * {@code solution.yaml}, {@code solution.yml}, {@code scafctl.yaml}, {@code scafctl.yml},
 * {@code solution.json}, {@code scafctl.json}.
 */
public final class SolutionDiscovery {
    static final List<String> FOLDERS = List.of("scafctl", ".scafctl", "");
    static final List<String> FILE_NAMES = List.of("solution.yaml", "solution.yml", "scafctl.yaml", "scafctl.yml",
            "solution.json", "scafctl.json");

    private SolutionDiscovery() {
    }

    /** Every path looked at, relative to the directory, in the order they are tried. */
    public static List<String> candidates() {
        List<String> out = new ArrayList<>();
        for (String folder : FOLDERS) {
            for (String name : FILE_NAMES) out.add(folder.isEmpty() ? name : folder + "/" + name);
        }
        return out;
    }

    /** The first candidate that is a regular file under {@code dir}. */
    public static Optional<Path> find(Path dir) {
        return candidates().stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
    }
}
