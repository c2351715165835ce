package dev.scafctl.dsl

import dev.scafctl.Scafctl
import dev.scafctl.catalog.ArtifactInfo
import dev.scafctl.catalog.ArtifactKind
import dev.scafctl.catalog.ArtifactRef
import dev.scafctl.catalog.LayoutArchive
import dev.scafctl.catalog.Transfers
import dev.scafctl.error.InvalidInputException
import dev.scafctl.oci.Reference
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

    /**
     * The script's argument at {@code index} (from 0); a missing one fails the script as invalid
     * input, saying which argument it is and what it means.
     */
    String argument(int index, String meaning) {
        List<String> args = getArguments()
        if (index < args.size()) return args[index]
        throw new InvalidInputException("this script needs argument ${index + 1} (${meaning}), but was given "
                + (args.isEmpty() ? 'none' : "${args.size()}: ${args.join(' ')}"),
                "pass it after the script's name: scafctl dsl run SCRIPT.groovy ARGUMENT...")
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

    /** Stores a plugin in the local catalog: one image manifest per platform under one index. */
    ArtifactInfo buildPlugin(@DelegatesTo(value = PluginSpec, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        PluginSpec spec = configure(new PluginSpec(), body)
        if (!spec.name || !spec.version || spec.binaries.isEmpty()) {
            throw new InvalidInputException('buildPlugin needs a name, a version and at least one platform',
                    "write: buildPlugin { name 'x'; version '1.0.0'; platform 'linux/amd64', 'path/to/binary' }")
        }
        getScafctl().catalogs().buildPlugin(spec.kind, spec.name, spec.version, spec.binaries, spec.providers, spec.force)
    }

    /** Pushes NAME@VERSION from the local catalog: {@code push 'echo@1.0.0', to: 'dev', force: true}. */
    Reference push(Map<String, Object> options, String ref) {
        getScafctl().catalogs().push(ref, options.get('to') as String, (options.get('force') ?: false) as boolean)
    }

    /** Pushes to the default catalog. */
    Reference push(String ref) {
        getScafctl().catalogs().push(ref, null, false)
    }

    /** Pulls a full reference ({@code host/path/providers/name@version}) into the local catalog. */
    Transfers.Pulled pull(String ref) {
        getScafctl().catalogs().pull(ref, null)
    }

    /**
     * Downloads what a catalog serves for NAME@VERSION and checks every platform's digest against
     * the local copy: {@code verifyPublished 'echo@1.0.0', from: 'dev'}.
     */
    List<Scafctl.PublishedBinary> verifyPublished(Map<String, Object> options, String ref) {
        ArtifactRef r = ArtifactRef.parseVersioned(ref)
        ArtifactKind kind = ArtifactKind.fromId((options.get('kind') ?: 'provider') as String).orElseThrow {
            new InvalidInputException("unknown kind '${options.get('kind')}'", 'use provider, auth-handler or solution')
        }
        getScafctl().verifyPublished(kind, r.name(), r.version(), options.get('from') as String)
    }

    /** One archive with the solution and every plugin it locks, for every platform (air-gapped sites). */
    List<ArtifactRef> saveBundle(String solutionFile, String tarFile) {
        getScafctl().saveBundle(Path.of(solutionFile), Path.of(tarFile))
    }

    /** Loads an archive made by {@link #saveBundle} or {@code catalog save} into the local catalog, verifying every blob. */
    List<LayoutArchive.Loaded> loadArchive(String tarFile) {
        getScafctl().catalogs().load(Path.of(tarFile))
    }

    /** Loads a solution from the local catalog by NAME@VERSION. */
    Solution catalogSolution(String ref) {
        getScafctl().catalogs().loadSolution(ref)
    }

    /** Stops the script with a message and exit code 1. */
    void fail(String message) {
        throw new ScafctlException(message, null)
    }

    /** Values as one line of JSON, keys in resolver order. */
    String json(Object value) {
        dev.scafctl.format.Formats.toJson(value)
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
                // "pushed NAME VERSION PLATFORM (SIZE)" or "fetched ...": the event knows which way it went
                System.err.println('[scafctl] ' + e.describe())
            }
        } as EventListener
    }
}
