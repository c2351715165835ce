package dev.scafctl.plugin;

import dev.scafctl.solution.PluginRequirement;

/** A requirement answered: the version chosen for it and the source that has it. */
public record Selection(PluginRequirement requirement, String version, PluginSource source) {
    public String coordinates() {
        return requirement.name() + "@" + version;
    }
}
