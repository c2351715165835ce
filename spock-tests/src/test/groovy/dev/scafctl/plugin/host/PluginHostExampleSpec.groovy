package dev.scafctl.plugin.host

import dev.scafctl.Scafctl
import dev.scafctl.catalog.ArtifactKind
import dev.scafctl.resolver.RunOptions
import dev.scafctl.support.Processes
import dev.scafctl.support.ScafctlProcess
import spock.lang.Specification

/** The echo example's solution runs against the echo plugin through the library's one entry point. */
class PluginHostExampleSpec extends Specification {
    def fixtures = new PluginFixtures()

    def cleanup() {
        fixtures.cleanup()
    }

    def "examples/plugins/echo/solution.yaml runs with the echo plugin loaded"() {
        given: 'the example solution and the plugin it declares'
        def scafctl = Scafctl.create()
        def solution = scafctl.loadSolution(ScafctlProcess.root().resolve('examples/plugins/echo/solution.yaml'))
        def echo = fixtures.link(PluginFixtures.echoPlugin(), 'echo')

        expect: 'it declares the plugin under bundle.plugins'
        solution.plugins()*.toString() == ['plugin echo (provider)']
        solution.plugins()[0].constraint() == '^1.0.0'

        when: 'it runs with the plugin started'
        Map<String, Object> values
        try (def plugins = scafctl.startPlugins([new PluginLaunch('echo', echo, ArtifactKind.PROVIDER)])) {
            values = scafctl.run(solution, RunOptions.defaults(), plugins)
        }

        then: 'the plugin providers computed their resolvers'
        values.said == [message: 'hello from plugins']
        values.shout == 'HELLO FROM PLUGINS'

        and: 'the plugin is gone'
        Processes.awaitGone(fixtures.marker) == []
    }
}
