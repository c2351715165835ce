package dev.scafctl.plugin;

import dev.scafctl.catalog.ArtifactKind;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A plugin version as a source describes it: its binaries, one per platform, or a single one
 * with no platform.
 */
public record PluginArtifact(String name, ArtifactKind kind, String version, String source, List<PluginBinary> binaries) {
    public PluginArtifact {
        binaries = List.copyOf(binaries);
    }

    /**
     * The binary for {@code platform}: the one built for it, else the single binary that names
     * no platform. Empty when the artifact has platforms and this is not one of them.
     */
    public Optional<PluginBinary> binaryFor(Platform platform) {
        Optional<PluginBinary> exact = binaries.stream().filter(b -> platform.equals(b.platform())).findFirst();
        if (exact.isPresent()) return exact;
        if (binaries.size() == 1 && binaries.get(0).platform() == null) return Optional.of(binaries.get(0));
        return Optional.empty();
    }

    /** The platforms it was built for, sorted, for messages. */
    public String platformList() {
        String list = binaries.stream().filter(b -> b.platform() != null).map(b -> b.platform().toString())
                .sorted().collect(Collectors.joining(", "));
        return list.isEmpty() ? "(any: a single binary without a platform)" : list;
    }

    public String coordinates() {
        return name + "@" + version;
    }
}
