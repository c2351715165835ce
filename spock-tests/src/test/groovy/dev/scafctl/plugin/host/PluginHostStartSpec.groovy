package dev.scafctl.plugin.host

import dev.scafctl.catalog.ArtifactKind
import dev.scafctl.event.EventListener
import dev.scafctl.plugin.Platform
import dev.scafctl.support.Processes
import spock.lang.Specification

import java.nio.file.Files
import java.time.Duration

/** Binaries that are not (working) plugins fail to start with a message that says what was seen and who should act. */
class PluginHostStartSpec extends Specification {
    def fixtures = new PluginFixtures()
    def options = HostOptions.defaults().withStartTimeout(Duration.ofSeconds(2))

    def cleanup() {
        fixtures.cleanup()
    }

    def "a plugin that #behaviour fails to start: #expected"() {
        given: 'a script that misbehaves'
        def path = fixtures.script('bad-plugin', script)

        when: 'the host starts it'
        PluginClient.start('bad', path, ArtifactKind.PROVIDER, options, EventListener.NONE)

        then: 'the error names the plugin and its path, says what was seen and who should fix it'
        def e = thrown(PluginException)
        e.message.startsWith("plugin bad (${path})")
        e.message.contains(expected)
        e.message.contains(seen)
        e.nextStep().contains(next)

        and: 'nothing it started is left running'
        Processes.awaitGone(fixtures.marker) == []

        where:
        behaviour                          | script                                                                 || expected                                                    | seen                                   | next
        'prints something else'            | "echo 'Usage: tool [options]'\nsleep 30"                                || 'printed something other than a go-plugin handshake'       | 'stdout began: "Usage: tool [options]' | 'not a scafctl plugin'
        'prints noise before the handshake' | "echo 'starting...'\necho '1|1|unix|/tmp/x|grpc|'\nsleep 30"            || 'printed something other than a go-plugin handshake'       | 'starting...'                          | "report it to the plugin's author"
        'expects another cookie'           | cookieCheck()                                                          || 'exited with code 1 before its handshake'                   | 'This binary is a plugin'              | 'magic cookie'
        'exits at once'                    | "echo 'panic: boom' >&2\nexit 2"                                        || 'exited with code 2 before its handshake'                   | 'panic: boom'                          | "report it to the plugin's author"
        'never answers'                    | "echo '{\"@level\":\"info\",\"@message\":\"warming up\"}' >&2\nsleep 60" || 'did not print its handshake within 2 s'                    | 'info: warming up'                     | 'SCAFCTL_PLUGIN_START_TIMEOUT'
        'speaks another core protocol'     | "echo '5|1|unix|/tmp/x|grpc|'\nsleep 30"                                || 'unusable handshake: speaks go-plugin core protocol 5'     | 'stdout began: "5|1|unix'              | 'rebuilt'
        'speaks net/rpc'                   | "echo '1|1|unix|/tmp/x|netrpc|'\nsleep 30"                              || "speaks protocol 'netrpc'"                                  | 'stdout began'                         | 'rebuilt'
        'insists on TLS'                   | "echo '1|1|unix|/tmp/x|grpc|${'A' * 60}'\nsleep 30"                    || 'answered with a TLS certificate'                           | 'stdout began: "1|1|unix'              | 'without TLS'
        'exits after its handshake'        | 'echo "1|1|unix|$PLUGIN_UNIX_SOCKET_DIR/none|grpc|"\nsleep 0.2\nexit 4' || 'crashed with exit code 4 during its health check'       | '(gRPC '                               | "report it to the plugin's author"
        'announces a socket it never serves' | 'echo "1|1|unix|$PLUGIN_UNIX_SOCKET_DIR/none|grpc|"\nsleep 30'        || 'failed during its health check'                            | '(gRPC '                               | "report it to the plugin's author"
    }

    private static String cookieCheck() {
        '''\
        if [ "$OTHER_TOOL_PLUGIN" != "other_cookie" ]; then
          echo 'This binary is a plugin. These are not meant to be executed directly.' >&2
          exit 1
        fi
        echo '1|1|unix|/tmp/x|grpc|'
        '''.stripIndent()
    }

    def "a binary that #what is refused before it runs: #expected"() {
        given: 'the binary'
        def path = fixtures.file('odd-plugin', content, executable)

        when: 'the host starts it'
        PluginClient.start('odd', path, ArtifactKind.PROVIDER, options, EventListener.NONE)

        then: 'the error says why it cannot run here and what to do'
        def e = thrown(PluginException)
        e.message.contains("plugin odd: ${path}")
        e.message.contains(expected)
        e.nextStep().contains(next)

        where:
        what                             | content                | executable || expected                                                        | next
        'is not executable'              | "#!/bin/sh\n".bytes    | false      || 'is not executable'                                             | 'chmod +x'
        'was built for another machine'  | elf(otherArch())       | true       || "exec format error (built for linux/${otherArchName()}"       | "fetch the plugin built for ${Platform.current()}"
        'is neither a program nor a script' | 'just text'.bytes   | true       || 'exec format error (neither a native program nor a script'     | 'fetch the plugin built for'
        'is a Windows program'           | 'MZ\u0090\u0000'.bytes | true       || 'exec format error (a Windows binary'                           | 'fetch the plugin built for'
    }

    def "a binary that does not exist is reported with its path"() {
        when: 'the host starts a missing file'
        def path = fixtures.dir.resolve('missing')
        PluginClient.start('gone', path, ArtifactKind.PROVIDER, options, EventListener.NONE)

        then: 'the error names the path'
        def e = thrown(PluginException)
        e.message == "plugin gone: ${path} does not exist"
    }

    def "the plugin is started with go-plugin's environment and a private socket directory"() {
        given: 'a script that records its environment and exits'
        def envFile = fixtures.dir.resolve('env.txt')
        def path = fixtures.script('env-plugin', "env > '${envFile}'\nexit 3")

        when: 'the host starts it'
        PluginClient.start('env', path, ArtifactKind.PROVIDER, options, EventListener.NONE)

        then: 'it failed, as it exited'
        thrown(PluginException)

        and: 'it saw the magic cookie, the protocol versions, the port range and a socket directory'
        def env = Files.readAllLines(envFile).findAll { it.contains('=') }.collectEntries { [(it.substring(0, it.indexOf('='))): it.substring(it.indexOf('=') + 1)] }
        env.SCAFCTL_PLUGIN == 'scafctl_provider_plugin'
        env.PLUGIN_PROTOCOL_VERSIONS == '1'
        env.PLUGIN_MIN_PORT == '10000'
        env.PLUGIN_MAX_PORT == '25000'
        env.PLUGIN_UNIX_SOCKET_DIR.contains('scafctl-plugin-')

        and: 'the socket directory was removed'
        !Files.exists(java.nio.file.Path.of(env.PLUGIN_UNIX_SOCKET_DIR))
    }

    private static int otherArch() {
        Platform.current().arch() == 'arm64' ? 62 : 183
    }

    private static String otherArchName() {
        Platform.current().arch() == 'arm64' ? 'amd64' : 'arm64'
    }

    /** The first 64 bytes of a little-endian 64-bit ELF executable for {@code machine}. */
    private static byte[] elf(int machine) {
        byte[] b = new byte[64]
        [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1].eachWithIndex { v, i -> b[i] = (byte) v }
        b[16] = 2
        b[18] = (byte) (machine & 0xff)
        b[19] = (byte) (machine >> 8)
        b
    }
}
