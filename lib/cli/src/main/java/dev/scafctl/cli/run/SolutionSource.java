package dev.scafctl.cli.run;

import dev.scafctl.Scafctl;
import dev.scafctl.error.InvalidInputException;
import dev.scafctl.oci.Reference;
import dev.scafctl.solution.Solution;
import dev.scafctl.solution.SolutionDiscovery;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where a run command's solution comes from, decided as the Go scafctl decides it: {@code -f}
 * (a file, NAME@VERSION or a registry reference), else the positional NAME[@VERSION] or registry
 * reference (never a local file), else the working directory's solution file.
 */
final class SolutionSource {
    private SolutionSource() {
    }

    static Solution load(Scafctl scafctl, String file, String reference, String command) {
        if (file != null && reference != null) {
            throw new InvalidInputException("both -f " + file + " and the solution " + InvalidInputException.shown(reference) + " given",
                    "give one: '" + command + " -f FILE' or '" + command + " NAME[@VERSION]'");
        }
        if (file != null) {
            return isCatalogReference(file) ? scafctl.catalogs().loadSolution(file) : scafctl.loadSolution(Path.of(file));
        }
        if (reference != null) {
            if (looksLikeFile(reference)) {
                throw new InvalidInputException(InvalidInputException.shown(reference) + " is a local file; a positional solution "
                        + "is NAME[@VERSION] from the catalog or a registry reference, as in the Go scafctl",
                        "pass the file with -f: '" + command + " -f " + reference + "'");
            }
            return scafctl.catalogs().loadSolution(reference);
        }
        Path here = Path.of("");
        Path found = scafctl.findSolution(here).orElseThrow(() -> new InvalidInputException(
                "no solution given, and none in " + here.toAbsolutePath() + " (looked for "
                        + String.join(", ", SolutionDiscovery.candidates()) + ")",
                "pass '-f FILE' or 'NAME[@VERSION]', or run it where a solution.yaml is"));
        return scafctl.loadSolution(found);
    }

    /** NAME@VERSION or host/path/...: a solution from a catalog, unless a file of that name exists. */
    private static boolean isCatalogReference(String value) {
        if (!value.contains("@") && !Reference.looksLikeRegistry(value)) return false;
        return !isFile(value);
    }

    /** A path as a shell user writes one: ./x, ../x, /x, ~/x, x.yaml, or any existing file; a registry host also has dots, so these come first. */
    private static boolean looksLikeFile(String value) {
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        return value.startsWith("./") || value.startsWith("../") || value.startsWith("/") || value.startsWith("~")
                || value.contains("\\") || lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")
                || isFile(value) || value.contains("/") && !Reference.looksLikeRegistry(value);
    }

    private static boolean isFile(String value) {
        try {
            return Files.isRegularFile(Path.of(value));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
