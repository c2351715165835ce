package dev.scafctl.dsl

import dev.scafctl.plugin.Platform
import groovy.transform.CompileStatic

import java.nio.file.Path

/** {@code install(solution) { ... }}: which platforms, which cache, whether the lock must hold. */
@CompileStatic
class InstallSpec {
    final List<Platform> platforms = []
    Path cacheDir
    boolean locked

    void platforms(String... names) {
        names.each { platforms << Platform.parse(it) }
    }

    void platforms(Collection<String> names) {
        names.each { platforms << Platform.parse(it) }
    }

    void platform(String name) {
        platforms << Platform.parse(name)
    }

    void cacheDir(String dir) {
        cacheDir = Path.of(dir)
    }

    void cacheDir(Path dir) {
        cacheDir = dir
    }

    /** Fail when the lock file is missing or would change. */
    void locked(boolean value = true) {
        locked = value
    }
}
