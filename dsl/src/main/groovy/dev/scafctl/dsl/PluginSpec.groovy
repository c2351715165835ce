package dev.scafctl.dsl

import dev.scafctl.catalog.ArtifactKind
import dev.scafctl.error.InvalidInputException
import dev.scafctl.plugin.Platform
import groovy.transform.CompileStatic

import java.nio.file.Path

/** {@code buildPlugin { ... }}: a plugin version with one binary per platform. */
@CompileStatic
class PluginSpec {
    String name
    ArtifactKind kind = ArtifactKind.PROVIDER
    String version
    final Map<Platform, Path> binaries = new TreeMap<>()
    final List<String> providers = []
    boolean force

    void name(String n) { name = n }

    void version(String v) { version = v }

    /** {@code provider} (default) or {@code auth-handler}. */
    void kind(String k) {
        kind = ArtifactKind.fromId(k).filter { ArtifactKind a -> a.isPlugin() }.orElseThrow {
            new InvalidInputException("unknown plugin kind '${k}'", 'use provider or auth-handler')
        }
    }

    /** The executable for one platform, e.g. {@code platform 'linux/amd64', 'build/echo-linux-amd64'}. */
    void platform(String osArch, String file) {
        binaries.put(Platform.parse(osArch), Path.of(file))
    }

    void platform(String osArch, Path file) {
        binaries.put(Platform.parse(osArch), file)
    }

    /** Names of the providers the plugin serves (recorded as an annotation). */
    void providers(String... names) {
        providers.addAll(names)
    }

    /** Replace an existing version in the local catalog. */
    void force(boolean value = true) { force = value }
}
