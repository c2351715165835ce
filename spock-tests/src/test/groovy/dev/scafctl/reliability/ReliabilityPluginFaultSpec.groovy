package dev.scafctl.reliability

import dev.scafctl.catalog.ArtifactKind
import dev.scafctl.event.EventListener
import dev.scafctl.plugin.host.HostOptions
import dev.scafctl.plugin.host.PluginClient
import dev.scafctl.plugin.host.PluginException
import dev.scafctl.plugin.host.PluginFixtures
import dev.scafctl.provider.ProviderContext
import dev.scafctl.support.GoBuild
import dev.scafctl.support.Processes
import dev.scafctl.support.ScafctlProcess
import spock.lang.Specification

import java.time.Duration

/**
 * Plugin faults the host specs leave out: a plugin that never answers a call. Crashes mid-call,
 * garbage on stdout, a wrong cookie and signals to the host are in the plugin.host specs.
 */
class ReliabilityPluginFaultSpec extends Specification {
    def fixtures = new PluginFixtures()

    def cleanup() {
        fixtures.cleanup()
    }

    def "a plugin that hangs mid-call is timed out, named with its provider, and killed"() {
        given: 'the Go plugin, with a call timeout far shorter than its sleep'
        def plugin = PluginClient.start('go', fixtures.link(GoBuild.helloPlugin(), 'go-hello'), ArtifactKind.PROVIDER,
                HostOptions.defaults().withCallTimeout(Duration.ofMillis(1500)), EventListener.NONE)

        when: 'a call never gets its answer'
        plugin.providers()[0].execute([name: 'x', sleep_ms: 600000], ProviderContext.standalone([:], EventListener.NONE))

        then: 'the error names plugin, provider and limit, and says what to do'
        def e = thrown(PluginException)
        e.message.startsWith('plugin go (')
        e.message.contains('did not answer provider go-hello within 1.5 s; the plugin was stopped')
        e.nextStep().contains(HostOptions.CALL_TIMEOUT_ENV)

        and: 'within 3 s no plugin process remains'
        !plugin.running
        Processes.awaitGone(fixtures.marker) == []

        cleanup:
        plugin?.stop()
    }

    def "the CLI times out a hung plugin with exit code 1 when SCAFCTL_PLUGIN_CALL_TIMEOUT is set"() {
        given:
        def path = fixtures.link(GoBuild.helloPlugin(), 'go-hello')
        def scafctl = ScafctlProcess.inTempHome()

        when:
        def r = scafctl.run(['run', 'provider', 'go-hello', '--plugin', path.toString(), '--input', 'name=x', '--input', 'sleep_ms=600000'],
                [(HostOptions.CALL_TIMEOUT_ENV): '2'])

        then:
        r.exitCode == 1
        r.stderr.contains('did not answer provider go-hello within 2 s')
        r.stderr.contains("raise ${HostOptions.CALL_TIMEOUT_ENV}")
        Processes.awaitGone(fixtures.marker) == []

        cleanup:
        scafctl?.home?.toFile()?.deleteDir()
    }

    def "a call that finishes within the timeout is not disturbed"() {
        given:
        def plugin = PluginClient.start('go', fixtures.link(GoBuild.helloPlugin(), 'go-hello'), ArtifactKind.PROVIDER,
                HostOptions.defaults().withCallTimeout(Duration.ofSeconds(20)), EventListener.NONE)

        expect:
        plugin.providers()[0].execute([name: 'quick', sleep_ms: 200], ProviderContext.standalone([:], EventListener.NONE))
                .data().greeting == 'hello, quick'
        plugin.running

        cleanup:
        plugin?.stop()
    }
}
