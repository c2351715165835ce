package dev.scafctl.plugin

import dev.scafctl.oci.Digest
import dev.scafctl.support.Processes
import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonSlurper
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * Plugins published to real registries and fetched by solutions that declare them: the catalog
 * chain, auto-fetch from an empty cache, the lock, and tampering in the registry's storage.
 */
class PluginRegistryFetchSpec extends Specification {
    @Shared @AutoCleanup RegistryFixture first = RegistryFixture.start()
    @Shared @AutoCleanup RegistryFixture second = RegistryFixture.start()
    @Shared Path echo = ScafctlProcess.root().resolve('examples/plugins/echo/target/echo')
    @Shared Path example = ScafctlProcess.root().resolve('examples/plugins/echo/solution.yaml')
    @Shared String here = Platform.current().toString()

    ScafctlProcess publisher = ScafctlProcess.inTempHome()
    ScafctlProcess user = ScafctlProcess.inTempHome()
    /** Each feature publishes under its own path, as the registries are shared by the spec. */
    String ns = 'spec' + UUID.randomUUID().toString().take(8)

    def setup() {
        assert Files.isExecutable(echo): 'the echo example plugin is built by the Maven build'
        ok user.run('config', 'add-catalog', 'first', '--type', 'oci', '--url', "${first.host}/${ns}")
        ok user.run('config', 'add-catalog', 'second', '--type', 'oci', '--url', "${second.host}/${ns}")
    }

    def cleanup() {
        Processes.killAll(user.home.toString())
        publisher.home.toFile().deleteDir()
        user.home.toFile().deleteDir()
    }

    static void ok(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }

    /** Builds a plugin in the publisher's local catalog and pushes it to {@code registry}. */
    void publish(RegistryFixture registry, String name, String version, Map<String, Path> platforms) {
        def args = ['build', 'plugin', '--name', name, '--kind', 'provider', '--version', version]
        platforms.each { p, f -> args += ['--platform', "${p}=${f}".toString()] }
        ok publisher.run(args)
        ok publisher.run('catalog', 'push', "${name}@${version}", '--catalog', "${registry.host}/${ns}")
    }

    Path fakeBinary(String content) {
        def f = Files.createTempFile(publisher.home, 'bin', '')
        Files.writeString(f, "#!/bin/sh\n# ${content}\nexit 3\n")
        f
    }

    Path solution(String name, String constraint) {
        def f = user.home.resolve("app-${name}/solution.yaml")
        Files.createDirectories(f.parent)
        Files.writeString(f, """apiVersion: scafctl.io/v1
kind: Solution
metadata: {name: app}
bundle: {plugins: [{name: ${name}, kind: provider, version: "${constraint}"}]}
spec: {resolvers: {}}
""")
        f
    }

    def "the echo example runs from an empty cache: fetched from the registry, verified, launched and stopped"() {
        given: 'the Java echo plugin published for this platform and another'
        publish(first, 'echo', '1.3.0', [(here): echo, 'windows/arm64': fakeBinary('other platform')])

        when: 'a user with only the registry configured runs the example'
        def r = user.run('run', 'solution', '-f', example.toString(), '-r', 'who=a registry', '-o', 'json')

        then:
        r.exitCode == 0
        def values = new JsonSlurper().parseText(r.stdout)
        values.said == [message: 'hello from a registry']
        values.shout == 'HELLO FROM A REGISTRY'

        and: 'the binary sits in the cache, identical to what was published, and nothing is left running'
        def cached = user.home.resolve("cache/scafctl/plugins/echo/1.3.0/${Platform.current().dirName()}/echo")
        Digest.of(cached) == Digest.of(echo)
        Processes.awaitGone(user.home.toString()) == []
    }

    def "the chain: #situation"() {
        given:
        inFirst.each { publish(first, 'tool', it, [(here): fakeBinary("first ${it}")]) }
        inSecond.each { publish(second, 'tool', it, [(here): fakeBinary("second ${it}")]) }
        inLocal.each { ok user.run('build', 'plugin', '--name', 'tool', '--kind', 'provider', '--version', it,
                '--platform', "${here}=${fakeBinary("local ${it}")}".toString()) }

        when:
        def r = user.run('plugins', 'install', '-f', solution('tool', '^1.0.0').toString(), '-o', 'json')

        then:
        r.exitCode == 0
        def row = new JsonSlurper().parseText(r.stdout)[0]
        row.version == version
        Files.readString(Path.of(row.path)).contains("# ${from} ${version}")

        where:
        situation                                  | inLocal   | inFirst            | inSecond           || version | from
        'the local catalog shadows the registries' | ['1.0.0'] | ['1.5.0']          | []                 || '1.0.0' | 'local'
        'the first registry wins with its highest' | []        | ['1.1.0', '1.2.0'] | ['1.9.0']          || '1.2.0' | 'first'
        'the second is used when the first lacks'  | []        | []                 | ['1.4.0']          || '1.4.0' | 'second'
    }

    def "a lock made here pins every platform the registry has and then decides what installs"() {
        given:
        def other = fakeBinary('linux arm64')
        publish(first, 'tool', '1.2.0', [(here): fakeBinary('here'), 'linux/arm64': other])
        def sol = solution('tool', '^1.0.0')

        when:
        ok user.run('build', 'solution', '-f', sol.toString(), '--version', '1.0.0')
        def lock = LockFile.read(sol.resolveSibling('.scafctl.lock.yaml'))

        then:
        lock.plugins().size() == 1
        lock.plugins()[0].resolvedFrom() == 'first'
        lock.plugins()[0].platforms().keySet()*.toString().sort() == [here, 'linux/arm64'].unique().sort()
        lock.plugins()[0].digestFor(Platform.parse('linux/arm64')).get() == Digest.of(other)

        when: 'a newer version is published; the locked install keeps the pin'
        publish(first, 'tool', '1.3.0', [(here): fakeBinary('newer')])
        def r = user.run('plugins', 'install', '-f', sol.toString(), '--locked', '--platform', 'linux/arm64', '-o', 'json')

        then:
        r.exitCode == 0
        new JsonSlurper().parseText(r.stdout)[0].version == '1.2.0'
        Digest.of(Path.of(new JsonSlurper().parseText(r.stdout)[0].path as String)) == Digest.of(other)
    }

    def "with a lock and a warm cache, a run loads no registry or HTTP client code at all"() {
        given: 'the echo plugin published, the example locked and installed'
        publish(first, 'echo', '1.0.0', [(here): echo])
        def sol = user.home.resolve('echo-app/solution.yaml')
        Files.createDirectories(sol.parent)
        Files.copy(example, sol)
        ok user.run('build', 'solution', '-f', sol.toString())
        ok user.run('plugins', 'install', '-f', sol.toString(), '--locked')
        def logs = Files.createDirectories(user.home.resolve('class-logs'))

        when: 'the solution runs with class loading logged (one file per JVM: the Java plugin inherits the option)'
        def r = user.run(['run', 'solution', '-f', sol.toString(), '-o', 'json'],
                [JAVA_TOOL_OPTIONS: "-Xlog:class+load=info:file=${logs}/classes-%p.log".toString()])
        def host = Files.list(logs).withCloseable { it.toList() }
                .collect { Files.readAllLines(it) }
                .find { lines -> lines.any { it.contains('dev.scafctl.cli.Main ') } }

        then: 'it ran, and the host loaded no registry client or HTTP client class'
        r.exitCode == 0
        new JsonSlurper().parseText(r.stdout).shout == 'HELLO FROM PLUGINS'
        host != null
        host.count { it.contains('dev.scafctl.plugin.PluginCache ') } == 1
        host.findAll { it.contains('dev.scafctl.registry.') || it.contains('sun.net.www.protocol.http.HttpURLConnection ') }.isEmpty()
    }

    def "a blob changed in the registry's storage is refused, naming both digests, and nothing is cached"() {
        given: 'a published plugin whose binary blob is then altered on the registry disk'
        def bin = fakeBinary('genuine')
        publish(first, 'tool', '1.0.0', [(here): bin])
        def digest = Digest.of(bin)
        def blob = first.root.resolve("data/docker/registry/v2/blobs/sha256/${digest.hex().take(2)}/${digest.hex()}/data")
        assert Files.exists(blob)
        Files.writeString(blob, "#!/bin/sh\n# evil\n")

        when:
        def r = user.run('plugins', 'install', '-f', solution('tool', '^1.0.0').toString())

        then:
        r.exitCode == 1
        r.stderr.contains("expected ${digest}")
        r.stderr.contains(Digest.of(blob).toString())
        !Files.exists(user.home.resolve('cache/scafctl/plugins/tool/1.0.0'))
                || Files.list(user.home.resolve("cache/scafctl/plugins/tool/1.0.0/${Platform.current().dirName()}")).withCloseable { it.count() } == 0
    }
}
