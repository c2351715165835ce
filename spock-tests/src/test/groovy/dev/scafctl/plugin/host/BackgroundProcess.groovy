package dev.scafctl.plugin.host

import dev.scafctl.support.ScafctlProcess

import java.util.concurrent.TimeUnit

/** A JVM started in the background (the CLI or {@link HostMain}) whose output a test can wait for. */
class BackgroundProcess {
    final Process process
    final StringBuffer stdout = new StringBuffer()
    final StringBuffer stderr = new StringBuffer()

    private BackgroundProcess(Process process) {
        this.process = process
        Thread.start { process.inputStream.eachLine { stdout.append(it).append('\n') } }
        Thread.start { process.errorStream.eachLine { stderr.append(it).append('\n') } }
    }

    static BackgroundProcess java(String mainClass, List<String> args, ScafctlProcess home = null) {
        def javaBin = System.getProperty('java.home') + '/bin/java'
        def cmd = [javaBin, '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'] +
                (home ? ["-Djava.io.tmpdir=${home.tmp()}".toString()] : []) +
                ['-cp', System.getProperty('java.class.path'), mainClass] + args
        def pb = new ProcessBuilder(cmd).directory(ScafctlProcess.root().toFile())
        if (home) pb.environment().putAll(home.env)
        def p = pb.start()
        p.outputStream.close()
        new BackgroundProcess(p)
    }

    static BackgroundProcess cli(List<String> args) {
        java('dev.scafctl.cli.Main', args, ScafctlProcess.inTempHome())
    }

    static BackgroundProcess host(List<String> pluginPaths) {
        java(HostMain.name, pluginPaths)
    }

    /** Waits until {@code text} shows up on stdout or stderr; false when the process ends or time runs out. */
    boolean awaitOutput(String text, double seconds = 60) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9)
        while (System.nanoTime() < deadline) {
            if (stdout.indexOf(text) >= 0 || stderr.indexOf(text) >= 0) return true
            if (!process.alive) {
                sleep(200)
                return stdout.indexOf(text) >= 0 || stderr.indexOf(text) >= 0
            }
            sleep(100)
        }
        false
    }

    /** Exit code, or null when it did not exit in time. */
    Integer awaitExit(double seconds = 30) {
        process.waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS) ? process.exitValue() : null
    }

    void kill() {
        process.destroyForcibly()
    }

    String toString() { "--- stdout\n${stdout}\n--- stderr\n${stderr}" }
}
