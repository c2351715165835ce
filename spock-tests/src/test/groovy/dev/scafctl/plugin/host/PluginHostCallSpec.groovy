package dev.scafctl.plugin.host

import dev.scafctl.catalog.ArtifactKind
import dev.scafctl.error.InvalidInputException
import dev.scafctl.event.Event
import dev.scafctl.event.EventListener
import dev.scafctl.provider.ProviderContext
import dev.scafctl.provider.ProviderException
import dev.scafctl.provider.builtin.BuiltinProviders
import dev.scafctl.support.GoBuild
import dev.scafctl.support.Processes
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

import java.util.concurrent.CopyOnWriteArrayList

/** Calling providers of real plugins: one built on go-plugin in Go, one built with our Java SDK. */
class PluginHostCallSpec extends Specification {
    def fixtures = new PluginFixtures()
    def events = new CopyOnWriteArrayList<Event>()
    EventListener listener = { events << it } as EventListener
    def clients = []

    def cleanup() {
        clients*.stop()
        fixtures.cleanup()
    }

    private PluginClient start(String name, java.nio.file.Path target, Map<String, String> env = [:]) {
        def client = PluginClient.start(name, fixtures.link(target, name), ArtifactKind.PROVIDER,
                HostOptions.defaults().withExtraEnv(env), listener)
        clients << client
        client
    }

    private ProviderContext context() {
        ProviderContext.standalone([:], listener)
    }

    private List<String> output(boolean stderr) {
        events.findAll { it instanceof Event.ProviderOutput && it.stderr() == stderr }*.describe()
    }

    def "the go-plugin provider is called #how"() {
        given: 'the Go plugin'
        def plugin = start('go', GoBuild.helloPlugin(), env)

        when: 'its provider runs'
        def provider = plugin.providers().find { it.name() == 'go-hello' }
        def result = provider.execute([name: 'world'], context())

        then: 'the value, warnings and configuration come through'
        result.data() == [greeting: 'hello, world', configured: 2L, streamed: streamed]
        result.warnings() == ['greeted from Go']

        and: 'streamed output arrives as events, stdout and stderr apart'
        output(false) == stdout
        output(true) == stderr

        and: "the plugin's stderr log lines become events prefixed with its name (stderr is read on its own thread)"
        new PollingConditions(timeout: 5).eventually {
            assert events.find { it instanceof Event.PluginLog && it.describe() == '[go] info: running name=world' }
        }

        where:
        how                                         | env                        || streamed | stdout              | stderr
        'streaming'                                 | [:]                        || true     | ['hello from go\n'] | ['go stderr chunk\n']
        'unary, when it does not implement streaming' | [GO_HELLO_NO_STREAM: '1'] || false    | []                  | []
    }

    def "streamed output reaches the host while the provider is still running"() {
        given: 'the Go plugin, which after its first chunk waits for a file only the host creates'
        def plugin = start('go', GoBuild.helloPlugin())
        def signal = fixtures.dir.resolve('chunk-received')
        EventListener createsFileOnOutput = { e ->
            if (e instanceof Event.ProviderOutput && !e.stderr()) java.nio.file.Files.createFile(signal)
        } as EventListener

        when: 'the provider runs'
        def result = plugin.providers()[0].execute([name: 'live', wait_for_file: signal.toString()],
                ProviderContext.standalone([:], createsFileOnOutput))

        then: 'the plugin saw the file, so the chunk was delivered before the call returned'
        result.data().saw_file == true
    }

    def "the Java SDK plugin serves #provider #how"() {
        given: 'the echo plugin'
        def plugin = start('echo', PluginFixtures.echoPlugin())

        when: 'the provider runs'
        def result = plugin.providers().find { it.name() == provider }.execute([message: 'hi there'], context())

        then: 'its value and streamed output arrive'
        result.data() == value
        output(false) == stdout

        where:
        provider | how                                      || value                   | stdout
        'echo'   | 'streaming'                              || [message: 'hi there']   | ['echo: hi there\n']
        'upper'  | 'through ExecuteProvider (no streaming)' || 'HI THERE'              | []
    }

    def "descriptors say which plugin serves a provider and which inputs it takes"() {
        given: 'the Go plugin'
        def plugin = start('go', GoBuild.helloPlugin())

        expect: 'its descriptor, with the plugin as origin'
        plugin.providerNames() == ['go-hello']
        with(plugin.descriptor('go-hello')) {
            version() == '1.0.0'
            description() == 'Greets; written in Go on go-plugin'
            origin() == "plugin go (${fixtures.dir.resolve('go')})".toString()
            inputs().name.required()
            !inputs().crash.required()
            capabilities() == ['from']
        }

        and: 'what-if descriptions come from the plugin'
        (plugin.providers()[0] as PluginProvider).describeWhatIf([name: 'x']) == 'would greet x'
    }

    def "a provider failure names the provider and plugin and keeps the plugin running"() {
        given: 'the Go plugin'
        def plugin = start('go', GoBuild.helloPlugin())

        when: 'the provider fails'
        plugin.providers()[0].execute([name: 'x', fail: 'the database is down'], context())

        then: 'the error carries its message'
        def e = thrown(ProviderException)
        e.message.startsWith('provider go-hello (plugin go (')
        e.message.endsWith('failed: the database is down')

        and: 'the plugin still serves'
        plugin.running
        plugin.providers()[0].execute([name: 'again'], context()).data().greeting == 'hello, again'
    }

    def "a plugin that crashes mid-call is reported with its exit code and leaves no process"() {
        given: 'the Go plugin'
        def plugin = start('go', GoBuild.helloPlugin())

        when: 'the provider makes the process exit with code 3'
        plugin.providers()[0].execute([name: 'x', crash: 3], context())

        then: 'the error names plugin, provider and exit code, with its last words'
        def e = thrown(PluginException)
        e.message.contains('plugin go (')
        e.message.contains('crashed with exit code 3 while running provider go-hello')
        e.message.contains('error: crashing on purpose code=3')
        e.nextStep().contains("report it to the plugin's author")

        and: 'nothing is left running'
        !plugin.running
        Processes.awaitGone(fixtures.marker) == []
    }

    def "a provider name served twice is an error naming both: #what"() {
        given: 'two plugins, or a plugin and the built-ins'
        def first = start('first', target)
        def second = start('second', GoBuild.helloPlugin(), env)
        def registry = BuiltinProviders.registry()

        when: 'their providers are registered'
        [first, second].each { c -> c.providers().each { registry.register(it) } }

        then: 'the clash names both'
        def e = thrown(InvalidInputException)
        e.message.contains("provider name clash: '${name}'")
        e.message.contains(servedFirst.replace('DIR', fixtures.dir.toString()))
        e.message.contains("plugin second (${fixtures.dir.resolve('second')})")

        where:
        what                 | target                     | env                                   || name       | servedFirst
        'two plugins'        | GoBuild.helloPlugin()      | [:]                                   || 'go-hello' | 'plugin first (DIR/first)'
        'a built-in'         | PluginFixtures.echoPlugin() | [GO_HELLO_PROVIDER_NAME: 'static']   || 'static'   | 'built-in'
    }

    def "stopping a plugin ends its process"() {
        given: 'both plugins running'
        def go = start('go', GoBuild.helloPlugin())
        def echo = start('echo', PluginFixtures.echoPlugin())
        assert fixtures.processes().size() >= 2

        when: 'they are stopped'
        go.stop()
        echo.stop()

        then: 'their processes are gone'
        Processes.awaitGone(fixtures.marker) == []
        !go.running
        !echo.running
    }
}
