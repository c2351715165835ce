package dev.scafctl.dsl

import dev.scafctl.Scafctl
import dev.scafctl.error.ScafctlException
import dev.scafctl.event.Event
import dev.scafctl.event.EventListener
import dev.scafctl.plugin.InstalledPlugin
import dev.scafctl.plugin.LockFile
import dev.scafctl.solution.Solution
import groovy.transform.CompileStatic

import java.nio.file.Path

/**
 * The base of every scafctl workflow script. Its methods build the same requests the CLI
 * builds and hand them to {@link Scafctl}; the script itself does no I/O through them.
 *
 * <pre>
 * catalogs { oci 'dev', url: 'localhost:5000/scafctl', insecure: true }
 * def app = solution 'examples/hello/solution.yaml'
 * install(app) { platforms 'linux/amd64', 'linux/arm64' }
 * def values = run(app) { param 'name', 'Ada' }
 * </pre>
 */
@CompileStatic
abstract class ScafctlScript extends Script {
    private Scafctl scafctl
    private CatalogsSpec catalogs

    /** The library instance the script's calls go to; its events are logged to stderr. */
    Scafctl getScafctl() {
        if (scafctl == null) {
            Scafctl.Builder builder = Scafctl.builder().listener(logger())
            Scafctl plain = builder.build()
            if (catalogs != null) builder.config(catalogs.applyTo(plain.config()))
            scafctl = builder.build()
        }
        scafctl
    }

    /** The script's arguments (after the file name). */
    List<String> getArguments() {
        Object a = binding.hasVariable('args') ? binding.getVariable('args') : null
        a instanceof String[] ? (a as String[]).toList() : (a instanceof List ? (List<String>) a : [])
    }

    /** Declares catalogs for this script, on top of the config file's. */
    void catalogs(@DelegatesTo(value = CatalogsSpec, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        CatalogsSpec spec = catalogs ?: new CatalogsSpec()
        body.delegate = spec
        body.resolveStrategy = Closure.DELEGATE_FIRST
        body.call()
        catalogs = spec
        scafctl = null
    }

    /** Loads and validates a solution file. */
    Solution solution(String file) {
        getScafctl().loadSolution(Path.of(file))
    }

    Solution solution(Path file) {
        getScafctl().loadSolution(file)
    }

    /** Installs the solution's plugins (default: this machine's platform), fetched in parallel and verified. */
    List<InstalledPlugin> install(Solution solution,
                                  @DelegatesTo(value = InstallSpec, strategy = Closure.DELEGATE_FIRST) Closure<?> body = null) {
        InstallSpec spec = configure(new InstallSpec(), body)
        getScafctl().installPlugins(solution, spec.platforms, spec.cacheDir, spec.locked)
    }

    /** Runs the solution and returns its values by resolver name. */
    Map<String, Object> run(Solution solution,
                            @DelegatesTo(value = RunSpec, strategy = Closure.DELEGATE_FIRST) Closure<?> body = null) {
        getScafctl().run(solution, configure(new RunSpec(), body).toOptions())
    }

    /** Resolves the plugins through the catalog chain and writes the lock beside the solution when it changed. */
    LockFile lock(Solution solution) {
        getScafctl().lockPlugins(solution)
    }

    /**
     * Fails when the lock beside the solution is missing or differs from what the catalogs give
     * now (drift); writes nothing.
     */
    LockFile checkLock(Solution solution) {
        getScafctl().checkLock(solution)
    }

    /** Stops the script with a message and exit code 1. */
    void fail(String message) {
        throw new ScafctlException(message, null)
    }

    void log(String message) {
        System.err.println(message)
    }

    private static <T> T configure(T spec, Closure<?> body) {
        if (body != null) {
            body.delegate = spec
            body.resolveStrategy = Closure.DELEGATE_FIRST
            body.call()
        }
        spec
    }

    private static EventListener logger() {
        return { Event e ->
            boolean phase = e instanceof Event.Note && e.describe().startsWith('phase ')
            if (e instanceof Event.Warning || e instanceof Event.PluginLog || (e instanceof Event.Note && !phase)) {
                System.err.println('[scafctl] ' + e.describe())
            } else if (e instanceof Event.Transfer && ((Event.Transfer) e).finished()) {
                System.err.println('[scafctl] fetched ' + ((Event.Transfer) e).id())
            }
        } as EventListener
    }
}
