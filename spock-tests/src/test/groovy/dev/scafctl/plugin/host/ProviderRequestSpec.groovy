package dev.scafctl.plugin.host

import dev.scafctl.Scafctl
import dev.scafctl.catalog.ArtifactKind
import dev.scafctl.resolver.RunOptions
import dev.scafctl.support.GoBuild
import dev.scafctl.support.Processes
import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import spock.lang.Specification

import java.nio.file.Files

/**
 * What the host sends a plugin provider, as the Go scafctl sends it, seen from inside two plugins
 * that echo it back: the echo example's {@code request} provider (our Java SDK, which decodes it)
 * and the Go test plugin's {@code go-hello} with {@code echo_request} (the fields as they are on the wire).
 *
 * Facts from oakwood-commons/scafctl: pkg/plugin/grpc.go (buildExecuteProviderRequest: context is
 * {"resolverContext": _}, or {} without one; dry_run; execution_mode; and GRPCClient.ConfigureProvider:
 * quiet, no_color, binary_name, settings, protocol_version 2), pkg/resolver/executor.go (a resolver's
 * provider runs with execution mode "from" and _ = the values resolved so far),
 * pkg/cmd/scafctl/run/provider.go (a single call runs as the provider's first capability),
 * pkg/cmd/scafctl/root.go (--quiet/-q and --no-color win over the config's settings.quiet and
 * settings.noColor) and pkg/solution/prepare/prepare.go (injectHostMetadataSettings: settings.metadata).
 */
class ProviderRequestSpec extends Specification {
    def fixtures = new PluginFixtures()

    def cleanup() {
        fixtures.cleanup()
    }

    private static final Map SOLUTION_META = [name: 'probe', version: '1.2.3', displayName: 'Probe',
                                              description: 'Sees what plugins are sent', category: 'test', tags: ['a', 'b']]

    private String solution(String provider, Map inputs) {
        """apiVersion: scafctl.io/v1
kind: Solution
metadata: ${JsonOutput.toJson(SOLUTION_META)}
spec:
  resolvers:
    first:
      type: string
      resolve: {with: [{provider: static, inputs: {value: one}}]}
    seen:
      type: object
      resolve: {with: [{provider: ${provider}, inputs: ${JsonOutput.toJson(inputs)}}]}
"""
    }

    def "a resolver's call to #plugin carries _ of the earlier phases, mode from, no dry run, and the configuration"() {
        given: 'a solution whose second resolver calls the plugin after the first is resolved, and a quiet host'
        def scafctl = Scafctl.builder().quiet(true).noColor(false).build()
        def sol = scafctl.parseSolution(solution(provider, inputs), fixtures.dir.resolve('solution.yaml'))
        def launch = new PluginLaunch(plugin, fixtures.link(binary(), plugin), ArtifactKind.PROVIDER)

        when: 'it runs with the plugin started for it'
        Map<String, Object> values
        try (def plugins = scafctl.startPlugins(sol, [launch])) {
            values = scafctl.run(sol, RunOptions.defaults(), plugins)
        }
        def seen = view(values.seen)

        then: 'the call carried the values resolved so far as _, and the capability it runs as'
        seen._ == [first: 'one']
        seen.mode == 'from'
        seen.dryRun == false
        seen.workingDirectory == fixtures.dir.toString()
        seen.solution == 'probe'

        and: 'the configuration arrived once, before the call'
        seen.quiet == true
        seen.noColor == false
        seen.binary == 'scafctl'
        seen.protocol == 2
        seen.metadata.solution == SOLUTION_META
        seen.metadata.entrypoint == 'cli'

        and: 'the plugin is gone'
        Processes.awaitGone(fixtures.marker) == []

        where:
        plugin | binary                             | provider   | inputs                                       | view
        'echo' | { PluginFixtures.echoPlugin() }    | 'request'  | [note: [rslvr: 'first']]                     | { v -> [_: v.resolverContext, mode: v.executionMode, dryRun: v.dryRun, workingDirectory: v.workingDirectory, solution: v.solution.name, quiet: v.configuration.quiet, noColor: v.configuration.noColor, binary: v.configuration.binaryName, protocol: v.configuration.protocolVersion, metadata: v.configuration.settings.metadata] }
        'go'   | { GoBuild.helloPlugin() }          | 'go-hello' | [name: [rslvr: 'first'], echo_request: true] | { v -> [_: v.request.context.resolverContext, mode: v.request.execution_mode, dryRun: v.request.dry_run, workingDirectory: v.request.working_directory, solution: v.request.solution_metadata.name, quiet: v.configuration.quiet, noColor: v.configuration.no_color, binary: v.configuration.binary_name, protocol: v.configuration.protocol_version, metadata: v.configuration.settings.metadata] }
    }

    def "a single call to #provider sends context {} and runs as the provider's first capability, #mode"() {
        given: 'the plugin in a marked directory'
        def path = fixtures.link(binary(), plugin)

        when: 'the provider is called on its own'
        def value = Scafctl.create().runProvider(provider, inputs, [:], [path]).data()

        then: 'no resolver context, the first capability, no solution'
        context(value) == [:]
        modeOf(value) == mode
        Processes.awaitGone(fixtures.marker) == []

        where:
        plugin | binary                          | provider   | inputs                         | context                        | modeOf                        || mode
        'echo' | { PluginFixtures.echoPlugin() } | 'request'  | [:]                            | { v -> v.resolverContext }     | { v -> v.executionMode }      || 'transform'
        'go'   | { GoBuild.helloPlugin() }       | 'go-hello' | [name: 'x', echo_request: true] | { v -> v.request.context }     | { v -> v.request.execution_mode } || 'from'
    }

    def "scafctl #flags with config '#settings' tells plugins quiet=#quiet and noColor=#noColor"() {
        given: 'a config with those settings'
        def scafctl = ScafctlProcess.inTempHome()
        def config = Files.createDirectories(scafctl.home.resolve('config/scafctl')).resolve('config.yaml')
        Files.writeString(config, settings)
        def echo = fixtures.link(PluginFixtures.echoPlugin(), 'echo')

        when: 'the request provider is called from the command line'
        def r = scafctl.run(flags + ['run', 'provider', 'request', '--plugin', echo.toString(), '-o', 'json'])

        then: 'the flags win over the config, and the metadata names the command, not its options'
        r.exitCode == 0
        def configuration = new JsonSlurper().parseText(r.stdout).configuration
        configuration.quiet == quiet
        configuration.noColor == noColor
        configuration.settings.metadata.args == ['scafctl', 'run', 'provider']
        configuration.settings.metadata.solution.name == ''

        where:
        flags                          | settings                                   || quiet | noColor
        []                             | '{}'                                       || false | false
        ['--quiet', '--no-color']      | '{}'                                       || true  | true
        []                             | 'settings: {quiet: true, noColor: true}'   || true  | true
        ['--quiet=false', '--no-color=false'] | 'settings: {quiet: true, noColor: true}' || false | false
    }
}
