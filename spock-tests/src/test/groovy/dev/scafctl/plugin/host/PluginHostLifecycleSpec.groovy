package dev.scafctl.plugin.host

import dev.scafctl.support.GoBuild
import dev.scafctl.support.Processes
import dev.scafctl.support.ScafctlProcess
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path

/**
 * No plugin process outlives its host: after a normal exit, an error, Ctrl-C (SIGINT) and
 * {@code kill -9}. Plugins are launched from a marked directory and counted by that marker.
 */
class PluginHostLifecycleSpec extends Specification {
    def fixtures = new PluginFixtures()
    BackgroundProcess host

    def cleanup() {
        host?.kill()
        fixtures.cleanup()
    }

    def "a host process that gets #signal leaves no plugin running (Go plugin and Java plugin)"() {
        given: 'a host running both plugins'
        def go = fixtures.link(GoBuild.helloPlugin(), 'go-hello')
        def echo = fixtures.link(PluginFixtures.echoPlugin(), 'echo')
        host = BackgroundProcess.host([go.toString(), echo.toString()])
        assert host.awaitOutput('ready'): host.toString()

        and: 'both plugin processes are running and serving on their sockets'
        def pids = (host.stdout.toString() =~ /ready (\d+) (\d+)/)[0][1..2].collect { it as long }
        def sockets = (host.stdout.toString() =~ /sockets (\S+) (\S+)/)[0][1..2].collect { Path.of(it) }
        pids.every { Processes.running(it) }
        sockets.every { Files.exists(it) }

        when: 'the host gets the signal'
        Processes.signal(host.process.pid(), signal)

        then: 'the host ends'
        host.awaitExit() != null

        and: 'within 3 s no plugin process remains'
        Processes.awaitDead(pids) == []
        Processes.awaitGone(fixtures.marker) == []

        and: 'their sockets are removed'
        new PollingConditions(timeout: 3).eventually {
            assert sockets.findAll { Files.exists(it) } == []
        }

        where:
        signal << ['INT', 'TERM', 'KILL']
    }

    def "Ctrl-C during a call stops the provider, then the plugin"() {
        given: 'the CLI calling a Go provider that takes a minute'
        def go = fixtures.link(GoBuild.helloPlugin(), 'go-hello')
        host = BackgroundProcess.cli(['run', 'provider', 'go-hello', '--plugin', go.toString(),
                                      '--input', 'name=slow', '--input', 'sleep_ms=60000', '-v'])
        assert host.awaitOutput('info: running name=slow'): host.toString()

        when: 'the user presses Ctrl-C'
        Processes.signal(host.process.pid(), 'INT')

        then: 'the CLI ends'
        host.awaitExit() != null

        and: 'the plugin was asked to stop the provider'
        host.awaitOutput('info: stop requested provider=go-hello', 3)

        and: 'within 3 s no plugin process remains'
        Processes.awaitGone(fixtures.marker) == []
    }

    def "kill -9 of the CLI during a call leaves no plugin running"() {
        given: 'the CLI calling a Go provider that takes a minute'
        def go = fixtures.link(GoBuild.helloPlugin(), 'go-hello')
        host = BackgroundProcess.cli(['run', 'provider', 'go-hello', '--plugin', go.toString(),
                                      '--input', 'name=slow', '--input', 'sleep_ms=60000', '-v'])
        assert host.awaitOutput('info: running name=slow'): host.toString()

        when: 'the CLI is killed'
        Processes.signal(host.process.pid(), 'KILL')
        host.awaitExit()

        then: 'within 3 s no plugin process remains'
        Processes.awaitGone(fixtures.marker) == []
    }

    def "the CLI runs #provider from #plugin with --plugin and leaves nothing running"() {
        given: 'the plugin binary in a marked directory'
        def path = fixtures.link(binary(), plugin)

        when: 'run provider loads it'
        def result = ScafctlProcess.inTempHome().run(['run', 'provider', provider, '--plugin', path.toString(),
                                                      '--input', input, '-o', 'json'])

        then: 'the value is printed and the streamed output shown'
        result.exitCode == 0
        result.stdout.contains(value)
        result.stderr.contains(streamed)

        and: 'the plugin is gone'
        Processes.awaitGone(fixtures.marker) == []

        where:
        plugin     | provider   | input          || value                   | streamed
        'echo'     | 'echo'     | 'message=hi'   || '"message": "hi"'       | 'echo: hi'
        'echo'     | 'upper'    | 'message=hi'   || '"HI"'                  | ''
        'go-hello' | 'go-hello' | 'name=cli'     || '"hello, cli"'          | 'hello from go'

        binary = plugin == 'echo' ? { PluginFixtures.echoPlugin() } : { GoBuild.helloPlugin() }
    }

    def "the CLI reports a #failure with exit code 1 and leaves nothing running"() {
        given: 'the Go plugin in a marked directory'
        def path = fixtures.link(GoBuild.helloPlugin(), 'go-hello')

        when: 'the provider fails'
        def result = ScafctlProcess.inTempHome().run(['run', 'provider', 'go-hello', '--plugin', path.toString(),
                                                      '--input', 'name=x', '--input', input])

        then: 'the error is explained without a stack trace'
        result.exitCode == 1
        result.stderr.contains(message)
        !result.stderr.contains('\tat ')

        and: 'the plugin is gone'
        Processes.awaitGone(fixtures.marker) == []

        where:
        failure            | input            || message
        'provider failure' | 'fail=no luck'   || 'failed: no luck'
        'plugin crash'     | 'crash=7'        || 'crashed with exit code 7 while running provider go-hello'
    }

    def "a --plugin path that #what is invalid input (exit 2), and nothing is started"() {
        given:
        def path = fixtures.dir.resolve(name)
        if (directory) Files.createDirectories(path)

        when:
        def result = ScafctlProcess.inTempHome().run(['run', 'provider', 'x', '--plugin', path.toString()])

        then:
        result.exitCode == 2
        result.stderr.contains("plugin binary ${path} ${message}")
        result.stderr.contains('Next: ')
        !result.stderr.contains('\tat ')

        where:
        what           | name      | directory || message
        'is missing'   | 'missing' | false     || 'does not exist'
        'is directory' | 'adir'    | true      || 'is not a file'
    }

    def "a plugin that is not a plugin fails the CLI with exit code 1"() {
        given: 'a script that prints something else'
        def path = fixtures.script('not-a-plugin', "echo 'I am a shell script'\nsleep 30")

        when: 'run provider loads it'
        def result = ScafctlProcess.inTempHome().run(['run', 'provider', 'x', '--plugin', path.toString()])

        then: 'the error says what was seen'
        result.exitCode == 1
        result.stderr.contains("plugin not-a-plugin (${path}) printed something other than a go-plugin handshake")
        result.stderr.contains('"I am a shell script')

        and: 'nothing is left'
        Processes.awaitGone(fixtures.marker) == []
    }

    def "a process the plugin starts in the background ends with it after #how"() {
        given: 'a plugin that leaves a child in the background (a sleep with a number no other test uses), then becomes the Go plugin'
        String seconds = '9' + (100000 + new Random().nextInt(800000))
        def go = GoBuild.helloPlugin()
        def childPid = fixtures.dir.resolve('child.pid')
        def path = fixtures.script('go-hello', """\
            sleep ${seconds} &
            echo \$! > '${childPid}'
            exec '${go}'
            """)

        when: 'the CLI runs one of its providers, and the call ends as the row says'
        host = BackgroundProcess.cli(['run', 'provider', 'go-hello', '--plugin', path.toString(),
                                      '--input', 'name=bg', '--input', "sleep_ms=${signal ? 60000 : 0}".toString(), '-v'])
        assert host.awaitOutput('info: running name=bg'): host.toString()
        assert Files.exists(childPid): 'the plugin started its child'
        if (signal) Processes.signal(host.process.pid(), signal)

        then: 'the CLI ends'
        host.awaitExit() != null

        and: 'within 3 s neither the plugin nor its child is left'
        Processes.awaitGone(fixtures.marker) == []
        Processes.awaitDead([Files.readString(childPid).trim() as long]) == []
        Processes.awaitGone("sleep ${seconds}") == []

        cleanup:
        Processes.killAll("sleep ${seconds}")

        where:
        how                  | signal
        'a normal exit'      | null
        'Ctrl-C (SIGINT)'    | 'INT'
        'SIGTERM'            | 'TERM'
        'kill -9 of the CLI' | 'KILL'
    }
}
