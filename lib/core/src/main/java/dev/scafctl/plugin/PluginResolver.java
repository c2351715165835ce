package dev.scafctl.plugin;

import dev.scafctl.catalog.LocalCatalog;
import dev.scafctl.config.Config;
import dev.scafctl.error.InvalidInputException;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.solution.PluginRequirement;
import org.semver4j.Semver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses a version for each requirement through the catalog chain: the first source that has
 * a version satisfying the constraint wins, and within it the highest such version.
 */
public final class PluginResolver {
    private final List<PluginSource> chain;

    public PluginResolver(List<PluginSource> chain) {
        this.chain = List.copyOf(chain);
    }

    public Selection resolve(PluginRequirement requirement) {
        VersionConstraint constraint = VersionConstraint.parse(requirement.constraint());
        List<String> searched = new ArrayList<>();
        Map<String, List<String>> seen = new LinkedHashMap<>();
        for (PluginSource source : chain) {
            searched.add(source.name());
            List<String> versions = ask(source, () -> source.versions(requirement.name(), requirement.kind()));
            Optional<String> chosen = constraint.highest(versions);
            if (chosen.isPresent()) return new Selection(requirement, chosen.get(), source);
            seen.put(source.name(), versions);
        }
        if (seen.values().stream().allMatch(List::isEmpty)) throw new PluginNotFoundException(requirement, searched);
        throw new PluginNotFoundException(requirement, searched, describe(seen));
    }

    /**
     * Asks one catalog of the chain. A catalog that fails (unreachable, refusing) fails the
     * resolution, since a later one must not silently win over it; the error then names it and
     * how to take it out of the chain.
     */
    static <T> T ask(PluginSource source, Supplier<T> question) {
        try {
            return question.get();
        } catch (ScafctlException e) {
            String fix = source.name().equals(LocalCatalog.NAME) ? null
                    : "if the catalog is not needed, take it out of the chain: " + Config.howToLeaveOut(source.name());
            String message = "catalog " + source.name() + ": " + e.getMessage();
            String next = e.nextStep() == null || e.nextStep().isBlank() ? fix : fix == null ? e.nextStep() : e.nextStep() + "; " + fix;
            throw e.isInvalidInput() ? new InvalidInputException(message, next, e) : new ScafctlException(message, next, e);
        }
    }

    /** What each catalog has, highest first, at most {@value #LISTED} versions each. */
    private static String describe(Map<String, List<String>> seen) {
        StringBuilder b = new StringBuilder();
        seen.forEach((source, versions) -> {
            if (b.length() > 0) b.append("; ");
            b.append(source).append(": ");
            if (versions.isEmpty()) {
                b.append("none");
                return;
            }
            List<String> sorted = versions.stream().sorted(HIGHEST_FIRST).toList();
            b.append(String.join(", ", sorted.subList(0, Math.min(LISTED, sorted.size()))));
            if (sorted.size() > LISTED) b.append(" and ").append(sorted.size() - LISTED).append(" older");
        });
        return b.toString();
    }

    private static final int LISTED = 8;
    private static final Comparator<String> HIGHEST_FIRST = (a, b) -> {
        Semver x = Semver.parse(a);
        Semver y = Semver.parse(b);
        if (x == null || y == null) return x != null ? -1 : y != null ? 1 : b.compareTo(a);
        return y.compareTo(x);
    };

    /** The source named {@code name} in the chain. */
    public Optional<PluginSource> source(String name) {
        return chain.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public List<PluginSource> chain() {
        return chain;
    }
}
