package dev.scafctl.plugin;

import dev.scafctl.error.ScafctlException;
import dev.scafctl.solution.PluginRequirement;

import java.util.List;

/** No catalog of the chain has a version of the plugin that satisfies its constraint (or its lock). */
public class PluginNotFoundException extends ScafctlException {
    private final PluginRequirement requirement;
    private final List<String> searched;

    private PluginNotFoundException(PluginRequirement requirement, List<String> searched, String message, String nextStep) {
        super(message, nextStep);
        this.requirement = requirement;
        this.searched = List.copyOf(searched);
    }

    /** No catalog has any version of the plugin. */
    public PluginNotFoundException(PluginRequirement requirement, List<String> searched) {
        this(requirement, searched,
                requirement + ": resolving version: not found in any catalog (searched: " + String.join(", ", searched) + ")",
                "check 'scafctl catalog list --kind " + requirement.kind().id() + "', publish a version matching "
                        + requirement.constraint() + ", or add the catalog that has it with 'scafctl config add-catalog'");
    }

    /** Catalogs have versions of the plugin, none of them within the constraint. */
    public PluginNotFoundException(PluginRequirement requirement, List<String> searched, String versionsByCatalog) {
        this(requirement, searched,
                requirement + ": no version satisfies " + requirement.constraint() + " in any catalog; the catalogs have "
                        + versionsByCatalog,
                "change the constraint in bundle.plugins to one of those versions, or publish a version matching "
                        + requirement.constraint() + " (or add the catalog that has one with 'scafctl config add-catalog')");
    }

    /** The version a lock pins is in none of the catalogs. */
    static PluginNotFoundException locked(PluginRequirement requirement, List<String> searched, String version) {
        return new PluginNotFoundException(requirement, searched,
                requirement + ": resolving version: locked version " + version + " not found in any catalog (searched: "
                        + String.join(", ", searched) + ")",
                "publish " + version + " again, or refresh the lock from what the catalogs have with 'scafctl plugins lock -f <solution>'");
    }

    public PluginRequirement requirement() {
        return requirement;
    }

    public List<String> searched() {
        return searched;
    }
}
