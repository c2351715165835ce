package dev.scafctl.support

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * Runs the scafctl CLI as a real process (java -cp <test class path> dev.scafctl.cli.Main), with
 * its own XDG directories so no test sees another's config, catalog or cache, and its own temp
 * directory ({@code <home>/tmp}), where the host puts each plugin's private directory: a plugin
 * that process starts carries the home's path in its command line.
 */
class ScafctlProcess {
    final Path home
    final Map<String, String> env = [:]
    /** Written to the process's stdin when set (e.g. a password for --password-stdin). */
    String input
    /** Extra JVM options, e.g. the launcher's -Xmx64m for a spec about memory. */
    final List<String> jvmOptions = []

    ScafctlProcess(Path home) {
        this.home = home
        env.XDG_CONFIG_HOME = home.resolve('config').toString()
        env.XDG_DATA_HOME = home.resolve('data').toString()
        env.XDG_CACHE_HOME = home.resolve('cache').toString()
        // no spec reaches the public official catalog (ghcr.io); a spec about it sets this to null
        env.SCAFCTL_SETTINGS_DISABLEOFFICIALCATALOG = 'true'
    }

    static ScafctlProcess inTempHome() {
        new ScafctlProcess(Files.createTempDirectory('scafctl-home'))
    }

    static Path root() {
        Path.of(System.getProperty('scafctl.root', '..')).toAbsolutePath().normalize()
    }

    Result run(List<String> args, Map<String, String> extraEnv = [:], Path dir = root(), long timeoutSeconds = 120) {
        exec(args, command(args), extraEnv, dir, timeoutSeconds)
    }

    /**
     * As {@link #run}, on a pseudo-terminal (util-linux {@code script}): what scafctl writes to
     * stdout and stderr both arrives as the result's stdout, as a person at a terminal would see it.
     */
    Result runOnTerminal(List<String> args, Map<String, String> extraEnv = [:]) {
        String line = command(args).collect { "'" + it.replace("'", "'\\''") + "'" }.join(' ')
        exec(args, ['script', '-qec', line, '/dev/null'], extraEnv, root(), 120)
    }

    private List<String> command(List<String> args) {
        def javaBin = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        [javaBin, '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', "-Djava.io.tmpdir=${tmp()}".toString()] + jvmOptions +
                ['-cp', System.getProperty('java.class.path'), 'dev.scafctl.cli.Main'] + args
    }

    private Result exec(List<String> args, List<String> cmd, Map<String, String> extraEnv, Path dir, long timeoutSeconds) {
        def pb = new ProcessBuilder(cmd).directory(dir.toFile())
        // a null value takes the variable out of the environment
        (env + extraEnv).each { k, v -> v == null ? pb.environment().remove(k) : pb.environment().put(k, v) }
        def p = pb.start()
        if (input != null) p.outputStream.write(input.getBytes('UTF-8'))
        p.outputStream.close()
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        def t1 = Thread.start { out << p.inputStream }
        def t2 = Thread.start { err << p.errorStream }
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly()
                throw new IllegalStateException("scafctl ${args} did not finish within ${timeoutSeconds}s")
            }
        } catch (InterruptedException e) {
            // a spec's @Timeout interrupts the wait: the process must not outlive the spec
            p.destroyForcibly()
            throw e
        }
        t1.join(); t2.join()
        new Result(p.exitValue(), out.toString('UTF-8'), err.toString('UTF-8'))
    }

    /** Writes {@code <home>/app/solution.yaml}: a solution without resolvers that needs one provider plugin. */
    Path solutionNeeding(String plugin, String constraint = '^1.0.0') {
        Path file = Files.createDirectories(home.resolve('app')).resolve('solution.yaml')
        Files.writeString(file, """apiVersion: scafctl.io/v1
kind: Solution
metadata: {name: app}
bundle: {plugins: [{name: ${plugin}, kind: provider, version: "${constraint}"}]}
spec: {resolvers: {}}
""")
        file
    }

    /** The process's temp directory. */
    Path tmp() {
        Files.createDirectories(home.resolve('tmp'))
    }

    Result run(String... args) {
        run(args as List<String>)
    }

    static class Result {
        final int exitCode
        final String stdout
        final String stderr

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode
            this.stdout = stdout
            this.stderr = stderr
        }

        String toString() { "exit ${exitCode}\n--- stdout\n${stdout}\n--- stderr\n${stderr}" }
    }
}
