package dev.scafctl.plugin

import dev.scafctl.Scafctl
import dev.scafctl.catalog.ArtifactKind
import dev.scafctl.config.Paths
import dev.scafctl.error.InvalidInputException
import dev.scafctl.error.ScafctlException
import dev.scafctl.event.Event
import dev.scafctl.oci.Digest
import dev.scafctl.solution.PluginRequirement
import dev.scafctl.support.PluginMirror
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CopyOnWriteArrayList

class PluginInstallSpec extends Specification {

    @TempDir
    Path home

    def events = new CopyOnWriteArrayList<Event>()
    PluginMirror first
    PluginMirror second
    Scafctl scafctl
    Path solutionFile

    def setup() {
        first = new PluginMirror(home.resolve('mirror-a'))
        second = new PluginMirror(home.resolve('mirror-b'))
        def paths = new Paths(home.resolve('config'), home.resolve('data'), home.resolve('cache'))
        Files.createDirectories(paths.configDir())
        Files.writeString(paths.configFile(), """catalogs:
  - {name: first, type: filesystem, path: ${first.dir}}
  - {name: second, type: filesystem, path: ${second.dir}}
""")
        scafctl = Scafctl.builder().paths(paths).listener { events << it }.build()
        solutionFile = home.resolve('app/solution.yaml')
        Files.createDirectories(solutionFile.parent)
    }

    def solution(String constraint, String name = 'tool') {
        Files.writeString(solutionFile, """apiVersion: scafctl.io/v1
kind: Solution
metadata: {name: app}
bundle:
  plugins:
    - {name: ${name}, kind: provider, version: "${constraint}"}
spec: {resolvers: {}}
""")
        scafctl.loadSolution(solutionFile)
    }

    static final Platform LINUX = Platform.parse('linux/amd64')
    static final Platform MAC = Platform.parse('darwin/arm64')

    def "the first catalog with a satisfying version wins, with its highest: #inFirst / #inSecond for #constraint gives #version from #catalog"() {
        given:
        inFirst.each { first.add('tool', it, 'linux/amd64') }
        inSecond.each { second.add('tool', it, 'linux/amd64') }

        when:
        def installed = scafctl.installPlugins(solution(constraint), [LINUX], null, false)

        then:
        installed*.version == [version]
        events.any { it instanceof Event.Note && it.describe().contains("from ${catalog}") }

        where:
        inFirst            | inSecond           | constraint || version | catalog
        ['1.2.0', '1.3.0'] | ['1.9.0']          | '^1.0.0'   || '1.3.0' | 'first'
        []                 | ['1.9.0', '2.0.0'] | '^1.0.0'   || '1.9.0' | 'second'
        ['2.0.0']          | ['1.4.0']          | '^1.0.0'   || '1.4.0' | 'second'
        ['1.5.1', '1.6.0'] | []                 | '~1.5.0'   || '1.5.1' | 'first'
    }

    def "a plugin in no catalog fails in the documented form, listing the catalogs searched"() {
        when:
        scafctl.installPlugins(solution('^1.0.0', 'my-plugin'), [LINUX], null, false)

        then:
        def e = thrown(PluginNotFoundException)
        e.message == 'plugin my-plugin (provider): resolving version: not found in any catalog (searched: local, first, second)'
    }

    def "catalogs with only other versions: no version satisfies the constraint, and each catalog's versions are listed"() {
        given: 'two catalogs with versions, none within ^1.0.0'
        ['3.0.0', '2.0.0', '2.10.0'].each { first.add('tool', it, 'linux/amd64') }
        second.add('tool', '0.9.0', 'linux/amd64')

        when:
        scafctl.installPlugins(solution('^1.0.0'), [LINUX], null, false)

        then: 'the message says so, listing what each catalog has, highest first'
        def e = thrown(PluginNotFoundException)
        e.message == 'plugin tool (provider): no version satisfies ^1.0.0 in any catalog; the catalogs have ' +
                'local: none; first: 3.0.0, 2.10.0, 2.0.0; second: 0.9.0'
        e.nextStep().startsWith('change the constraint in bundle.plugins')
    }

    def "without a lock, a source that cannot give a digest fails with exactly the documented message"() {
        given:
        first.add('my-plugin', '1.0.0', 'linux/amd64', false)

        when:
        scafctl.installPlugins(solution('^1.0.0', 'my-plugin'), [LINUX], null, false)

        then:
        def e = thrown(ScafctlException)
        e.message == "plugin my-plugin@1.0.0: no digest available for verification;\nRun 'scafctl build solution' to generate a lock file with pinned digests"
        !Files.exists(home.resolve('cache/plugins/my-plugin'))
    }

    def "the lock pins every platform, is deterministic, and a lock made elsewhere verifies here"() {
        given: 'a plugin built for two platforms, without .sha256 files'
        def linux = first.add('tool', '1.4.0', 'linux/amd64', false)
        def mac = first.add('tool', '1.4.0', 'darwin/arm64', false)
        def s = solution('^1.0.0')

        when: 'the lock is made'
        def lock = scafctl.lockPlugins(s)
        def lockFile = LockFile.pathBeside(solutionFile)

        then: 'it pins both platforms, byte for byte as documented'
        Files.readString(lockFile) == """# Maintained by scafctl build solution and scafctl plugins lock. Manual edits may be lost.
version: 1
plugins:
  - name: tool
    kind: provider
    version: 1.4.0
    constraint: ^1.0.0
    digest: ${Platform.current() == MAC ? mac : linux}
    digests:
      darwin/arm64: ${mac}
      linux/amd64: ${linux}
    resolvedFrom: first
"""
        LockFile.read(lockFile) == lock

        when: 'it is made again with nothing changed'
        def before = Files.getLastModifiedTime(lockFile)
        def again = new LockFile(lock.plugins()).writeIfChanged(lockFile)

        then: 'the file is left alone'
        !again
        Files.getLastModifiedTime(lockFile) == before

        when: 'both platforms install with the lock, although the source has no digests'
        def installed = scafctl.installPlugins(s, [LINUX, MAC], null, false)

        then:
        installed.collectEntries { [(it.platform()): it.digest()] } == [(LINUX): linux, (MAC): mac]
        installed.every { Digest.of(it.path()) == it.digest() }
    }

    def "a lock entry that no longer satisfies the constraint is an error that says to refresh the lock"() {
        given:
        first.add('tool', '1.4.0', 'linux/amd64')
        scafctl.lockPlugins(solution('^1.0.0'))

        when:
        scafctl.installPlugins(solution('^2.0.0'), [LINUX], null, false)

        then:
        def e = thrown(InvalidInputException)
        e.message.contains('resolved version 1.4.0 does not satisfy constraint ^2.0.0')
        e.nextStep().contains('scafctl plugins lock')
    }

    def "--locked fails when the lock is #why"() {
        given:
        first.add('tool', '1.4.0', 'linux/amd64')
        if (lockFor) scafctl.lockPlugins(solution(lockFor))

        when:
        scafctl.installPlugins(solution('^1.0.0'), [LINUX], null, true)

        then:
        def e = thrown(InvalidInputException)
        e.message.contains(message)

        where:
        why       | lockFor  || message
        'missing' | null     || '--locked: the solution has no lock file'
        'stale'   | '~1.4.0' || 'but the lock was made for ~1.4.0; it would change'
    }

    def "--locked passes with a matching lock"() {
        given:
        first.add('tool', '1.4.0', 'linux/amd64')
        scafctl.lockPlugins(solution('^1.0.0'))

        expect:
        scafctl.installPlugins(solution('^1.0.0'), [LINUX], null, true)*.version == ['1.4.0']
    }

    def "a tampered cached binary is reported and replaced by a verified copy, never kept"() {
        given:
        def digest = first.add('tool', '1.4.0', 'linux/amd64')
        def s = solution('^1.0.0')
        def path = scafctl.installPlugins(s, [LINUX], null, false)[0].path()
        def original = Files.readString(path)

        when: 'someone changes the cached binary'
        Files.writeString(path, '#!/bin/sh\necho evil\n')
        def again = scafctl.installPlugins(s, [LINUX], null, false)[0]

        then: 'it is fetched again and verified'
        again.downloaded()
        Files.readString(path) == original
        Digest.of(path) == digest
        events.any { it instanceof Event.Warning && it.describe().contains("but ${digest} was expected") }
    }

    def "a source whose bytes do not match its digest is refused and leaves nothing behind"() {
        given: 'a .sha256 that lies'
        first.add('tool', '1.4.0', 'linux/amd64')
        def bin = first.dir.resolve('tool/1.4.0/linux-amd64/tool')
        Files.writeString(bin.resolveSibling('tool.sha256'), 'a' * 64)

        when:
        scafctl.installPlugins(solution('^1.0.0'), [LINUX], null, false)

        then:
        def e = thrown(DigestMismatchException)
        e.expected() == Digest.parse('sha256:' + 'a' * 64)
        e.actual() == Digest.of(bin)
        def dir = home.resolve('cache/plugins/tool/1.4.0/linux-amd64')
        Files.list(dir).withCloseable { it.toList() }.isEmpty()
    }

    def "--platform installs for that platform only, and a missing one lists what the plugin has"() {
        given:
        first.add('tool', '1.4.0', 'linux/arm64')
        first.add('tool', '1.4.0', 'darwin/arm64')

        when:
        def installed = scafctl.installPlugins(solution('^1.0.0'), [Platform.parse('linux/arm64')], home.resolve('elsewhere'), false)

        then:
        installed*.path() == [home.resolve('elsewhere/tool/1.4.0/linux-arm64/tool')]

        when:
        scafctl.installPlugins(solution('^1.0.0'), [Platform.parse('windows/amd64')], null, false)

        then:
        def e = thrown(ScafctlException)
        e.message.contains('has no binary for windows/amd64; it has: darwin/arm64, linux/arm64')
    }

    def "with a lock and a warm cache, no catalog is consulted"() {
        given:
        first.add('tool', '1.4.0', 'linux/amd64')
        def s = solution('^1.0.0')
        def lock = scafctl.lockPlugins(s)
        scafctl.installPlugins(s, [LINUX], null, false)
        def installer = new PluginInstaller(scafctl.pluginCache(null),
                { throw new AssertionError('the catalog chain was built') }, null, 4)

        when:
        def installed = installer.install(s.plugins(), lock, [LINUX], true)

        then:
        installed*.downloaded() == [false]
    }

    def "plugin and version names cannot leave the cache"() {
        when:
        scafctl.pluginCache(null).binaryPath('tool', '../../../etc', LINUX)

        then:
        thrown(ScafctlException)
    }
}
