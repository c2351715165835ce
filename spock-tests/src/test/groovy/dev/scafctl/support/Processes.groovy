package dev.scafctl.support

import java.nio.file.Files
import java.nio.file.Path

/** Processes found by a marker in their command line (Linux /proc), to prove none outlives its test. */
class Processes {

    /** Live processes (zombies have an empty command line) whose command line contains {@code marker}. */
    static List<String> withMarker(String marker) {
        long self = ProcessHandle.current().pid()
        List<String> found = []
        Path.of('/proc').toFile().eachFileMatch(~/\d+/) { dir ->
            if (dir.name as long == self) return
            try {
                byte[] raw = Files.readAllBytes(dir.toPath().resolve('cmdline'))
                String cmd = new String(raw, 'UTF-8').replace('\u0000' as char, ' ' as char).trim()
                if (cmd.contains(marker)) found << "${dir.name}: ${cmd.take(200)}".toString()
            } catch (IOException ignored) {
                // the process ended while we looked
            }
        }
        found
    }

    /** Polls until no process carries the marker or {@code seconds} pass; returns what is left. */
    static List<String> awaitGone(String marker, double seconds = 3) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9)
        List<String> left = withMarker(marker)
        while (left && System.nanoTime() < deadline) {
            sleep(100)
            left = withMarker(marker)
        }
        left
    }

    /** True while the process exists and is not a zombie (an exited process its parent has not reaped yet). */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/${pid}/stat"))
            return stat.substring(stat.lastIndexOf(')') + 2).charAt(0) != ('Z' as char)
        } catch (IOException ignored) {
            return false
        }
    }

    /** Polls until none of the processes runs or {@code seconds} pass; returns those still running. */
    static List<Long> awaitDead(List<Long> pids, double seconds = 3) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9)
        List<Long> left = pids.findAll { running(it) }
        while (left && System.nanoTime() < deadline) {
            sleep(100)
            left = pids.findAll { running(it) }
        }
        left
    }

    /** Polls until at least one process carries the marker; false after {@code seconds}. */
    static boolean awaitPresent(String marker, double seconds = 30) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9)
        while (System.nanoTime() < deadline) {
            if (withMarker(marker)) return true
            sleep(100)
        }
        false
    }

    /** Kills whatever still carries the marker, so a failed test leaves nothing behind. */
    static void killAll(String marker) {
        withMarker(marker).each { line ->
            long pid = line.substring(0, line.indexOf(':')) as long
            ProcessHandle.of(pid).ifPresent { it.destroyForcibly() }
        }
    }

    static void signal(long pid, String signal) {
        def p = new ProcessBuilder('kill', "-${signal}".toString(), pid as String).inheritIO().start()
        p.waitFor()
    }
}
