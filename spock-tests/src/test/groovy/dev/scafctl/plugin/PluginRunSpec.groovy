package dev.scafctl.plugin

import dev.scafctl.oci.Digest
import dev.scafctl.support.PluginMirror
import dev.scafctl.support.Processes
import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonSlurper
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * run solution's prepare phase with a real plugin (the Java echo example) from a filesystem
 * catalog: fetched, verified, launched, called and stopped.
 */
class PluginRunSpec extends Specification {

    @Shared Path echo = ScafctlProcess.root().resolve('examples/plugins/echo/target/echo')

    ScafctlProcess scafctl = ScafctlProcess.inTempHome()
    PluginMirror mirror = new PluginMirror(scafctl.home.resolve('mirror'))
    Path solution = scafctl.home.resolve('app/solution.yaml')
    String marker = "scafctl-run-spec-${UUID.randomUUID()}"

    def setup() {
        assert Files.isExecutable(echo): 'the echo example plugin is built by the Maven build (examples/plugins/echo)'
        mirror.addCopy('echo', '1.2.0', echo)
        mirror.configure(scafctl)
        Files.createDirectories(solution.parent)
        Files.writeString(solution, """apiVersion: scafctl.io/v1
kind: Solution
metadata: {name: app}
bundle:
  plugins:
    - {name: echo, kind: provider, version: "^1.0.0"}
spec:
  resolvers:
    said:
      resolve:
        with:
          - provider: echo
            inputs: {message: ${marker}}
    loud:
      resolve:
        with:
          - provider: upper
            inputs: {message: {expr: "_.said.message"}}
""")
    }

    def cleanup() {
        Processes.killAll(marker)
    }

    def "a declared plugin is fetched into an empty cache, verified, called, and stopped"() {
        when:
        def r = scafctl.run('run', 'solution', '-f', solution.toString(), '-o', 'json')

        then: 'the providers of the plugin answered'
        r.exitCode == 0
        def values = new JsonSlurper().parseText(r.stdout)
        values.said == [message: marker]
        values.loud == marker.toUpperCase()

        and: 'the binary is in the cache at its documented path'
        Files.isRegularFile(scafctl.home.resolve("cache/scafctl/plugins/echo/1.2.0/${Platform.current().dirName()}/echo"))

        and: 'no plugin process is left (each ran from a private directory under the home)'
        Processes.awaitGone(scafctl.home.toString()) == []
    }

    def "a tampered cached binary is replaced before anything runs it"() {
        given: 'a first run fills the cache'
        assert scafctl.run('run', 'solution', '-f', solution.toString()).exitCode == 0
        def cached = scafctl.home.resolve("cache/scafctl/plugins/echo/1.2.0/${Platform.current().dirName()}/echo")

        and: 'the cached binary is swapped for one that leaves a marker file if it ever runs'
        def ran = scafctl.home.resolve('tampered-binary-ran')
        Files.writeString(cached, "#!/bin/sh\ntouch '${ran}'\nexit 1\n")

        when:
        def r = scafctl.run('run', 'solution', '-f', solution.toString(), '-o', 'json')

        then: 'the run succeeds with a verified copy, says so, and the tampered binary never ran'
        r.exitCode == 0
        r.stderr.contains('replacing it with a verified download')
        !Files.exists(ran)
        Digest.of(cached) == Digest.of(echo)
    }

    def "with a lock and a warm cache the run needs no catalog at all"() {
        given: 'a lock made through the library with the same directories, and a warm cache'
        def paths = new dev.scafctl.config.Paths(scafctl.home.resolve('config/scafctl'),
                scafctl.home.resolve('data/scafctl'), scafctl.home.resolve('cache/scafctl'))
        def api = dev.scafctl.Scafctl.builder().paths(paths).build()
        def lock = api.lockPlugins(api.loadSolution(solution))
        assert scafctl.run('plugins', 'install', '-f', solution.toString(), '--locked').exitCode == 0

        when: 'the catalog disappears'
        mirror.dir.toFile().deleteDir()
        def r = scafctl.run('run', 'solution', '-f', solution.toString(), '-o', 'json')

        then: 'the run still succeeds from the pinned, verified cache'
        lock.plugins()*.version() == ['1.2.0']
        r.exitCode == 0
        new JsonSlurper().parseText(r.stdout).loud == marker.toUpperCase()
    }
}
