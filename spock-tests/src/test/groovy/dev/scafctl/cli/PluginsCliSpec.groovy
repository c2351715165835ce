package dev.scafctl.cli

import dev.scafctl.oci.Digest
import dev.scafctl.support.PluginMirror
import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonSlurper
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

class PluginsCliSpec extends Specification {

    ScafctlProcess scafctl = ScafctlProcess.inTempHome()
    PluginMirror mirror = new PluginMirror(scafctl.home.resolve('mirror'))
    Path solution = scafctl.home.resolve('solution.yaml')

    def setup() {
        def config = scafctl.home.resolve('config/scafctl/config.yaml')
        Files.createDirectories(config.parent)
        Files.writeString(config, "catalogs:\n  - {name: mirror, type: filesystem, path: ${mirror.dir}}\n")
        Files.writeString(solution, '''apiVersion: scafctl.io/v1
kind: Solution
metadata: {name: s}
bundle:
  plugins:
    - {name: alpha, kind: provider, version: "^1.0.0"}
    - {name: beta, kind: provider, version: "~2.1.0"}
spec: {resolvers: {}}
''')
    }

    def "two installs into one cache at the same time both succeed and leave one intact file per entry"() {
        given: 'two plugins, each built for two platforms, with large enough binaries to overlap'
        def big = 'x' * (4 << 20)
        def digests = [:]
        ['alpha:1.2.0', 'beta:2.1.3'].each { pv ->
            def (name, version) = pv.split(':')
            ['linux/amd64', 'linux/arm64'].each { digests["${name}/${it}"] = mirror.add(name, version, it, true, big + pv + it) }
        }
        def cache = scafctl.home.resolve('shared-cache')
        def args = ['plugins', 'install', '-f', solution.toString(), '--platform', 'linux/amd64', '--platform', 'linux/arm64',
                    '--cache-dir', cache.toString(), '-o', 'json']

        when: 'two processes install at once'
        def pool = java.util.concurrent.Executors.newFixedThreadPool(2)
        def outcomes = pool.invokeAll([1, 2].collect { { -> scafctl.run(args) } as java.util.concurrent.Callable }).collect { it.get() }
        pool.shutdown()

        then: 'both succeed'
        outcomes.every { it.exitCode == 0 }

        and: 'each entry is one intact file, and no temp file is left'
        def files = Files.walk(cache).withCloseable { s -> s.filter { Files.isRegularFile(it) }.toList() }
        files.size() == 4
        files.every { f ->
            def rel = cache.relativize(f).toString().split('/')
            Digest.of(f) == digests["${rel[0]}/${rel[2].replace('-', '/')}"]
        }
    }

    def "plugins list shows the cache as json"() {
        given:
        def d = mirror.add('alpha', '1.2.0', 'linux/amd64')
        mirror.add('beta', '2.1.3', 'linux/amd64')

        when:
        def install = scafctl.run('plugins', 'install', '-f', solution.toString(), '--platform', 'linux/amd64')
        def list = scafctl.run('plugins', 'list', '-o', 'json')

        then:
        install.exitCode == 0
        def rows = new JsonSlurper().parseText(list.stdout)
        rows*.name == ['alpha', 'beta']
        rows[0].digest == d.toString()
        rows[0].platform == 'linux/amd64'
    }

    def "--jobs 1 installs one plugin after another, with the same result"() {
        given:
        def a = mirror.add('alpha', '1.2.0', 'linux/amd64')
        def b = mirror.add('beta', '2.1.3', 'linux/amd64')

        when:
        def r = scafctl.run('plugins', 'install', '-f', solution.toString(), '--platform', 'linux/amd64', '--jobs', '1', '-o', 'json')

        then:
        r.exitCode == 0
        def rows = new JsonSlurper().parseText(r.stdout)
        rows*.name == ['alpha', 'beta']
        rows*.status == ['fetched', 'fetched']
        rows*.digest == [a.toString(), b.toString()]
    }

    def "#flag #value is invalid input"() {
        when:
        def r = scafctl.run('plugins', 'install', '-f', solution.toString(), flag, value)

        then:
        r.exitCode == 2
        r.stderr.contains(message)

        where:
        flag         | value         || message
        '--platform' | 'linux'       || "invalid platform 'linux'"
        '--platform' | 'linux/amd/64'|| "invalid platform 'linux/amd/64'"
        '--jobs'     | '0'           || '--jobs must be at least 1, got 0'
    }
}
