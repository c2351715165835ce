package dev.scafctl.plugin;

import dev.scafctl.error.ScafctlException;
import dev.scafctl.solution.PluginRequirement;

import java.util.List;

/** No catalog of the chain has a version of the plugin that satisfies its constraint. */
public class PluginNotFoundException extends ScafctlException {
    private final PluginRequirement requirement;
    private final List<String> searched;

    public PluginNotFoundException(PluginRequirement requirement, List<String> searched, String detail) {
        super(requirement + ": resolving version: " + detail + "not found in any catalog (searched: "
                        + String.join(", ", searched) + ")",
                "check 'scafctl catalog list --kind " + requirement.kind().id() + "', publish a version matching "
                        + requirement.constraint() + ", or add the catalog that has it with 'scafctl config add-catalog'");
        this.requirement = requirement;
        this.searched = List.copyOf(searched);
    }

    public PluginRequirement requirement() {
        return requirement;
    }

    public List<String> searched() {
        return searched;
    }
}
