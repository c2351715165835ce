package dev.scafctl.cli

import dev.scafctl.plugin.Platform
import dev.scafctl.support.PluginMirror
import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonSlurper
import spock.lang.Specification

import java.nio.file.Files

/** Tables fit 100 columns by default; {@code -o wide} and json hold everything. */
class TableOutputSpec extends Specification {
    ScafctlProcess user = ScafctlProcess.inTempHome()

    def cleanup() {
        user.home.toFile().deleteDir()
    }

    def "plugins list -o #format shows #what"() {
        given: 'a cache holding one plugin of 3 MiB'
        def mirror = new PluginMirror(user.home.resolve('mirror'))
        def digest = mirror.add('formatter-with-a-long-name', '10.20.30', Platform.current().toString(), true,
                '#!/bin/sh\n' + ('#' * (3 << 20)) + '\n')
        def config = user.home.resolve('config/scafctl/config.yaml')
        Files.createDirectories(config.parent)
        Files.writeString(config, "catalogs:\n  - {name: mirror, type: filesystem, path: ${mirror.dir}}\n")
        def sol = Files.createDirectories(user.home.resolve('app')).resolve('solution.yaml')
        Files.writeString(sol, '''apiVersion: scafctl.io/v1
kind: Solution
metadata: {name: app}
bundle: {plugins: [{name: formatter-with-a-long-name, kind: provider, version: "^10.0.0"}]}
spec: {resolvers: {}}
''')
        assert user.run('plugins', 'install', '-f', sol.toString()).exitCode == 0

        when:
        def r = user.run('plugins', 'list', '-o', format)
        def lines = r.stdout.readLines()

        then:
        r.exitCode == 0
        check(lines, digest.toString(), user.home.toString())

        where:
        format  | what                                                       | check
        'table' | 'short digests, a readable size, no path, within 100 columns' | { List<String> l, String d, String home ->
            l.every { it.length() <= 100 } && l[1].contains(d.substring(0, 'sha256:'.length() + 12)) &&
                    !l[1].contains(d) && l[1].contains('3.0 MiB') && !l.join('\n').contains(home) }
        'wide'  | 'the full digest and the path'                             | { List<String> l, String d, String home ->
            l[0].contains('PATH') && l[1].contains(d) && l[1].contains(home) }
        'json'  | 'raw values: the size in bytes, the full digest and path'    | { List<String> l, String d, String home ->
            def e = new JsonSlurper().parseText(l.join('\n'))[0]
            e.size == (3 << 20) + 11 && e.digest == d && e.path.startsWith(home) }
    }

    def "config view leaves out settings that are not set"() {
        when: 'a fresh user views the config'
        def r = user.run('config', 'view')

        then:
        r.exitCode == 0
        !r.stdout.contains('null')
    }
}
