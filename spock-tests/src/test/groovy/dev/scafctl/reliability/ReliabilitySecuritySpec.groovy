package dev.scafctl.reliability

import dev.scafctl.catalog.ArtifactKind
import dev.scafctl.error.ScafctlException
import dev.scafctl.event.Event
import dev.scafctl.event.EventListener
import dev.scafctl.plugin.host.HostOptions
import dev.scafctl.plugin.host.PluginClient
import dev.scafctl.plugin.host.PluginFixtures
import dev.scafctl.provider.Provider
import dev.scafctl.provider.ProviderContext
import dev.scafctl.provider.ProviderDescriptor
import dev.scafctl.provider.ProviderException
import dev.scafctl.provider.ProviderResult
import dev.scafctl.provider.RedactingCall
import dev.scafctl.provider.Redactor
import dev.scafctl.provider.builtin.BuiltinProviders
import dev.scafctl.resolver.ResolverEngine
import dev.scafctl.resolver.RunOptions
import dev.scafctl.solution.SolutionParser
import dev.scafctl.support.GoBuild
import dev.scafctl.support.Processes
import dev.scafctl.support.ScafctlProcess
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

import java.util.concurrent.CopyOnWriteArrayList

/** Inputs a provider marks sensitive never show: not in errors, warnings, streamed output, plugin logs or --verbose. */
class ReliabilitySecuritySpec extends Specification {
    static final String SECRET = 'hunter2-s3cr3t'

    def fixtures = new PluginFixtures()
    def events = new CopyOnWriteArrayList<Event>()
    EventListener listener = { events << it } as EventListener

    def cleanup() {
        fixtures.cleanup()
    }

    def "a plugin that echoes its sensitive token everywhere has it masked in every event, warning and error"() {
        given: 'the Go plugin, which declares token sensitive and then logs it, streams it, warns with it and fails with it'
        def plugin = PluginClient.start('go', fixtures.link(GoBuild.helloPlugin(), 'go-hello'), ArtifactKind.PROVIDER,
                HostOptions.defaults(), listener)
        def provider = plugin.providers()[0]

        expect:
        provider.descriptor().sensitiveFields() == ['token']

        when: 'it succeeds'
        def result = RedactingCall.execute(provider, [name: 'x', token: SECRET], ProviderContext.standalone([:], listener))

        then: 'the secret reached the plugin, but no warning or event shows it'
        result.warnings().contains("token ${Redactor.MASK} expires soon".toString())
        !result.warnings().any { it.contains(SECRET) }
        events.any { it instanceof Event.ProviderOutput && it.describe().contains("using token ${Redactor.MASK}") }
        new PollingConditions(timeout: 5).eventually {
            // plugin logs arrive on their own thread, possibly after the call returned
            assert events.any { it instanceof Event.PluginLog && it.describe().contains("token=${Redactor.MASK}") }
        }
        !events.any { it.describe().contains(SECRET) }

        when: 'it fails with a message that repeats the secret'
        RedactingCall.execute(provider, [name: 'x', token: SECRET, fail: "login with ${SECRET} refused".toString()],
                ProviderContext.standalone([:], listener))

        then: 'the error shows the mask, in its message and in every cause'
        def e = thrown(ScafctlException)
        e.message.contains("login with ${Redactor.MASK} refused")
        causes(e).every { !String.valueOf(it.message).contains(SECRET) }
        !events.any { it.describe().contains(SECRET) }

        cleanup:
        plugin?.stop()
    }

    def "a dry run's description masks the sensitive token the plugin repeats"() {
        given:
        def plugin = PluginClient.start('go', fixtures.link(GoBuild.helloPlugin(), 'go-hello'), ArtifactKind.PROVIDER,
                HostOptions.defaults(), listener)

        when:
        def description = (plugin.providers()[0] as dev.scafctl.plugin.host.PluginProvider).describeWhatIf([name: 'x', token: SECRET])

        then:
        description == "would greet x using token ${Redactor.MASK}"

        cleanup:
        plugin?.stop()
    }

    def "a resolver whose provider fails with the secret shows the mask, and no cause or event shows the secret"() {
        given: 'a provider registered through the API that marks password sensitive and is careless with it'
        def registry = BuiltinProviders.registry()
        registry.register(careless(false))
        def solution = new SolutionParser().parse('''apiVersion: scafctl.io/v1
kind: Solution
metadata: {name: s}
spec:
  resolvers:
    db:
      resolve:
        with:
          - provider: careless
            inputs: {user: admin, password: "hunter2-s3cr3t"}
''', java.nio.file.Path.of('solution.yaml'))

        when:
        new ResolverEngine(registry).run(solution, RunOptions.defaults().withListener(listener))

        then:
        def e = thrown(ScafctlException)
        e.message.contains("password ${Redactor.MASK} for admin is wrong")
        causes(e).every { !String.valueOf(it.message).contains(SECRET) }
        events.any { it instanceof Event.Warning && it.describe().contains("checking ${Redactor.MASK}") }
        events.any { it instanceof Event.ProviderOutput && it.describe().contains("pw=${Redactor.MASK}") }
        !events.any { it.describe().contains(SECRET) }
    }

    def "a masked failure keeps its exit code: invalid input #invalid"() {
        when:
        RedactingCall.execute(careless(invalid), [user: 'admin', password: SECRET], ProviderContext.standalone([:], listener))

        then:
        def e = thrown(ScafctlException)
        e.isInvalidInput() == invalid
        !e.nextStep().contains(SECRET)
        causes(e).every { !String.valueOf(it.message).contains(SECRET) }

        where:
        invalid << [false, true]
    }

    def "the CLI with --verbose never prints a sensitive input, not even in the stack trace"() {
        given:
        def path = fixtures.link(GoBuild.helloPlugin(), 'go-hello')
        def scafctl = ScafctlProcess.inTempHome()

        when:
        def r = scafctl.run(['run', 'provider', 'go-hello', '--plugin', path.toString(), '--verbose',
                             '--input', 'name=x', '--input', "token=${SECRET}".toString(), '--input', "fail=bad token ${SECRET}".toString()])

        then:
        r.exitCode == 1
        r.stderr.contains("bad token ${Redactor.MASK}")
        r.stderr.contains("token=${Redactor.MASK}")
        !r.stderr.contains(SECRET)
        !r.stdout.contains(SECRET)
        Processes.awaitGone(fixtures.marker) == []

        cleanup:
        scafctl?.home?.toFile()?.deleteDir()
    }

    def "terminal control sequences a plugin puts in its #place are shown as escapes, never sent raw"() {
        given: 'a plugin that repeats its input, given one that would retitle and clear the terminal'
        def path = fixtures.link(GoBuild.helloPlugin(), 'go-hello')
        def scafctl = ScafctlProcess.inTempHome()
        String hostile = 'x\u001b]0;owned\u0007\u001b[2J\u009b31m\u202eevil'

        when:
        def r = scafctl.run(['run', 'provider', 'go-hello', '--plugin', path.toString(), '-v',
                             '--input', "name=${hostile}".toString()] + extra)

        then: 'the text is there, with its control characters visible as escapes'
        r.exitCode == exit
        r.stderr.contains(shown)

        and: 'no control character other than line breaks and tabs reaches the terminal in a message'
        !r.stderr.chars.any { c -> (c < 0x20 && c != 10 && c != 9) || (c >= 0x7f && c <= 0x9f) || c == 0x202e }
        Processes.awaitGone(fixtures.marker) == []

        cleanup:
        scafctl?.home?.toFile()?.deleteDir()

        where:
        place           | extra                                        || exit | shown
        'error message' | ['--input', 'fail=no: \u001b[2Jgone'.toString()] || 1    | 'no: \\x1b[2Jgone'
        'log lines'     | []                                           || 0    | 'name=x\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\u202eevil'
    }

    def "#value is #what"() {
        given:
        def descriptor = new ProviderDescriptor('p', 'p', '', '', '', [:], ['secret'], [], 'test')

        expect:
        Redactor.of(descriptor, [secret: value, other: 'visible']).redact("a ${value} b visible") == expected

        where:
        value                    | what                                          || expected
        'abcdef'                 | 'masked'                                      || 'a *** b visible'
        'ab'                     | 'too short to mask without hiding everything' || 'a ab b visible'
        [k: 'nested-secret']     | 'masked inside a map'                         || "a ${[k: '***']} b visible"
        ['list-secret', 'other'] | 'masked inside a list, item by item'          || 'a [***, ***] b visible'
    }

    private static Provider careless(boolean invalid) {
        def descriptor = new ProviderDescriptor('careless', 'careless', 'leaks its password', '1.0.0', 'test',
                [user: ProviderDescriptor.InputSpec.required('string', 'who'), password: ProviderDescriptor.InputSpec.required('string', 'secret')],
                ['password'], [], 'test')
        new Provider() {
            ProviderDescriptor descriptor() { descriptor }

            ProviderResult execute(Map<String, Object> inputs, ProviderContext context) {
                context.listener().onEvent(new Event.Warning("checking ${inputs.password}".toString()))
                context.listener().onEvent(new Event.ProviderOutput('careless', false, "pw=${inputs.password}\n".bytes))
                def cause = new IllegalStateException("raw ${inputs.password}")
                String message = "password ${inputs.password} for ${inputs.user} is wrong"
                if (invalid) throw new dev.scafctl.error.InvalidInputException(message, 'use ' + inputs.password)
                throw new ProviderException(message, 'check it', cause)
            }
        }
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> out = []
        for (; t != null; t = t.cause) out << t
        out
    }
}
