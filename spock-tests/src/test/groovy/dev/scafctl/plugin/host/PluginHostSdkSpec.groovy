package dev.scafctl.plugin.host

import dev.scafctl.support.Processes
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** The plugin side as the Java SDK does it, seen from outside the process. */
class PluginHostSdkSpec extends Specification {
    def fixtures = new PluginFixtures()
    Process shell

    def cleanup() {
        shell?.destroyForcibly()
        fixtures.cleanup()
    }

    /** Starts the echo plugin under a plain shell (no scafctl watchdog) and returns its handshake line. */
    private String startUnderShell(Path socketDir) {
        def echo = fixtures.link(PluginFixtures.echoPlugin(), 'echo')
        def pb = new ProcessBuilder('/bin/sh', '-c', '"$0" & wait', echo.toString())
        pb.environment().putAll([SCAFCTL_PLUGIN: 'scafctl_provider_plugin', PLUGIN_PROTOCOL_VERSIONS: '1',
                                 PLUGIN_UNIX_SOCKET_DIR: socketDir.toString()])
        pb.redirectError(ProcessBuilder.Redirect.DISCARD)
        shell = pb.start()
        new BufferedReader(new InputStreamReader(shell.inputStream)).readLine()
    }

    def "the plugin announces a Unix socket in PLUGIN_UNIX_SOCKET_DIR and exits when its host is killed"() {
        given: 'the plugin started by a shell that stands in for its host'
        def socketDir = Files.createDirectory(fixtures.dir.resolve('sockets'))
        def line = startUnderShell(socketDir)

        expect: 'the handshake line of go-plugin core protocol 1, app protocol 1, gRPC, no certificate'
        line ==~ /1\|1\|unix\|${java.util.regex.Pattern.quote(socketDir.toString())}\/plugin\d+\|grpc\|/
        Files.exists(Path.of(line.split('\\|')[3]))

        when: 'its host is killed'
        Processes.signal(shell.pid(), 'KILL')
        shell.waitFor(5, TimeUnit.SECONDS)

        then: 'the plugin notices and exits on its own within 3 s'
        Processes.awaitGone(fixtures.marker) == []

        and: 'its socket is removed'
        !Files.exists(Path.of(line.split('\\|')[3]))
    }
}
