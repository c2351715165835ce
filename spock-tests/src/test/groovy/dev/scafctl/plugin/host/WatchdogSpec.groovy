package dev.scafctl.plugin.host

import dev.scafctl.support.Processes
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * The JVM's watchdog process on its own: what it does with the plugins it was told about when its
 * host's end of the pipe closes. Real processes stand in for plugins; the watcher is the very
 * command the host starts.
 */
class WatchdogSpec extends Specification {
    @TempDir
    Path tmp
    List<Process> started = []

    def cleanup() {
        started.each { it.destroyForcibly() }
    }

    private Process plugin(String script = 'exec sleep 60') {
        def p = new ProcessBuilder('/bin/sh', '-c', script).start()
        started << p
        p
    }

    private Process watcher() {
        def w = new ProcessBuilder(Watchdog.command()).redirectErrorStream(true).start()
        started << w
        w
    }

    private static void tell(Process watcher, String... lines) {
        watcher.outputStream.write(lines.collect { it + '\n' }.join('').getBytes('UTF-8'))
        watcher.outputStream.flush()
    }

    def "when the host's pipe closes, plugins still watched are ended and their sockets and directories removed; released ones are left alone"() {
        given: 'three plugins, each with a socket directory, one of them with a socket in it'
        def kept = plugin()
        def ended = plugin()
        def stubborn = plugin("trap '' TERM; while :; do sleep 1; done")
        def keptDir = Files.createDirectories(tmp.resolve('kept dir'))
        def endedDir = Files.createDirectories(tmp.resolve('ended'))
        def stubbornDir = Files.createDirectories(tmp.resolve('stubborn*'))
        def socket = endedDir.resolve('plugin.sock')
        def unix = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)
        unix.bind(java.net.UnixDomainSocketAddress.of(socket))

        and: 'a watcher told about all three, then that the host released the first'
        def w = watcher()
        tell(w, "watch ${kept.pid()} ${keptDir}", "watch ${ended.pid()} ${endedDir}",
                "socket ${ended.pid()} ${socket}", "watch ${stubborn.pid()} ${stubbornDir}",
                "done ${kept.pid()}")

        when: 'the host goes away'
        w.outputStream.close()

        then: 'the watcher ends within the two seconds it gives TERM, and a bit'
        w.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)

        and: 'the watched plugins are gone: one on TERM, the one ignoring TERM on KILL'
        Processes.awaitDead([ended.pid(), stubborn.pid()]) == []

        and: 'the released plugin still runs and keeps its directory'
        kept.alive
        Files.isDirectory(keptDir)

        and: 'the others lost their socket and directories'
        !Files.exists(socket)
        !Files.exists(endedDir)
        !Files.exists(stubbornDir)

        cleanup:
        unix?.close()
    }

    def "a watcher whose plugins were all released exits at once when the pipe closes"() {
        given: 'one plugin, watched and then released'
        def p = plugin()
        def dir = Files.createDirectories(tmp.resolve('d'))
        def w = watcher()
        tell(w, "watch ${p.pid()} ${dir}", "done ${p.pid()}")

        when:
        w.outputStream.close()

        then: 'the watcher ends without waiting, and the plugin and its directory are untouched'
        w.waitFor(1, java.util.concurrent.TimeUnit.SECONDS)
        w.exitValue() == 0
        p.alive
        Files.isDirectory(dir)
    }

    def "lines whose process id is not a number are ignored: #line"() {
        given: 'a directory that a malformed line names'
        def dir = Files.createDirectories(tmp.resolve('victim'))
        def w = watcher()

        when: 'the line arrives, then the pipe closes'
        tell(w, line.replace('DIR', dir.toString()))
        w.outputStream.close()

        then: 'the watcher treats nothing as watched'
        w.waitFor(1, java.util.concurrent.TimeUnit.SECONDS)
        Files.isDirectory(dir)

        where:
        line << ['watch abc DIR', 'watch DIR', 'watch -1 DIR', 'watch 12x DIR', 'watch  DIR']
    }

    def "a group leader's leftover children are ended when #when"() {
        given: 'a plugin that leads its own process group (through setsid) and has a child in the background'
        def pidFile = tmp.resolve('child.pid')
        def leader = new ProcessBuilder('/usr/bin/setsid', '/bin/sh', '-c',
                "sleep 600 & echo \$! > '${pidFile}'; exec sleep 600").start()
        started << leader
        new spock.util.concurrent.PollingConditions(timeout: 5).eventually { assert Files.size(pidFile) > 0 }
        long child = Files.readString(pidFile).trim() as long
        def dir = Files.createDirectories(tmp.resolve('group'))

        and: 'a watcher told it is a group'
        def w = watcher()
        tell(w, "group ${leader.pid()} ${dir}")

        when: 'the plugin exits and the host says so, or the host itself goes away'
        if (hostDies) {
            w.outputStream.close()
        } else {
            leader.destroy()
            leader.waitFor()
            tell(w, "done ${leader.pid()}")
        }

        then: 'within 3 s the child is gone as well'
        Processes.awaitDead([leader.pid(), child]) == []

        cleanup:
        ProcessHandle.of(child).ifPresent { it.destroyForcibly() }

        where:
        when                                         | hostDies
        'the plugin has exited and the host is done' | false
        "the host's pipe closes"                     | true
    }
}
