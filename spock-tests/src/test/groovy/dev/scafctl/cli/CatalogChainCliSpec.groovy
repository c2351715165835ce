package dev.scafctl.cli

import dev.scafctl.plugin.Platform
import dev.scafctl.support.PluginMirror
import dev.scafctl.support.ScafctlProcess
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** What the CLI says when the catalog chain cannot give a plugin: which catalog, and what to do about it. */
class CatalogChainCliSpec extends Specification {
    ScafctlProcess user = ScafctlProcess.inTempHome()
    PluginMirror mirror = new PluginMirror(user.home.resolve('mirror'))
    Path solution = user.solutionNeeding('tool')

    def cleanup() {
        user.home.toFile().deleteDir()
    }

    def "an unreachable catalog before the one that has the plugin is named, with the command that takes it out of the chain"() {
        given: 'a registry nobody listens on, then a mirror that has the plugin'
        mirror.add('tool', '1.0.0', Platform.current().toString())
        def config = user.home.resolve('config/scafctl/config.yaml')
        Files.createDirectories(config.parent)
        Files.writeString(config, """catalogs:
  - {name: dead, type: oci, url: "127.0.0.1:1/team"}
  - {name: mirror, type: filesystem, path: ${mirror.dir}}
""")

        when:
        def r = user.run('plugins', 'install', '-f', solution.toString())

        then: 'the install fails, naming the catalog, what went wrong, and how to remove it'
        r.exitCode == 1
        r.stderr.contains('Error: catalog dead: cannot reach registry 127.0.0.1:1')
        r.stderr.contains('scafctl config remove-catalog dead')
    }

    def "a constraint no catalog satisfies lists the versions each catalog has"() {
        given:
        ['1.1.0', '0.9.0'].each { mirror.add('tool', it, Platform.current().toString()) }
        def config = user.home.resolve('config/scafctl/config.yaml')
        Files.createDirectories(config.parent)
        Files.writeString(config, "catalogs:\n  - {name: mirror, type: filesystem, path: ${mirror.dir}}\n")
        Files.writeString(solution, Files.readString(solution).replace('^1.0.0', '^7.0.0'))

        when:
        def r = user.run('plugins', 'install', '-f', solution.toString())

        then:
        r.exitCode == 1
        r.stderr.contains('no version satisfies ^7.0.0 in any catalog; the catalogs have local: none; mirror: 1.1.0, 0.9.0')
        r.stderr.contains('Next: change the constraint in bundle.plugins')
    }
}
