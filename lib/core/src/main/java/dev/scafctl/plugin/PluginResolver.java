package dev.scafctl.plugin;

import dev.scafctl.solution.PluginRequirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        String nearMiss = "";
        for (PluginSource source : chain) {
            searched.add(source.name());
            List<String> versions = source.versions(requirement.name(), requirement.kind());
            Optional<String> chosen = constraint.highest(versions);
            if (chosen.isPresent()) return new Selection(requirement, chosen.get(), source);
            if (nearMiss.isEmpty()) {
                Optional<String> highest = VersionConstraint.parse(">=0.0.0-0").highest(versions);
                if (highest.isPresent()) {
                    nearMiss = "resolved version " + highest.get() + " does not satisfy constraint "
                            + requirement.constraint() + " (highest in " + source.name() + "); ";
                }
            }
        }
        throw new PluginNotFoundException(requirement, searched, nearMiss);
    }

    /** The source named {@code name} in the chain. */
    public Optional<PluginSource> source(String name) {
        return chain.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public List<PluginSource> chain() {
        return chain;
    }
}
