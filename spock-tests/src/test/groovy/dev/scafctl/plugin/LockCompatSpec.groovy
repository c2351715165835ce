package dev.scafctl.plugin

import dev.scafctl.support.GoBuild
import dev.scafctl.support.PluginMirror
import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * One lock for both tools. The Go scafctl's lock (pkg/solution/bundler/lock.go in
 * oakwood-commons/scafctl): file solution.lock, `version: 1`, `plugins[]` with name, kind,
 * version, constraint (optional), digest, digests (per platform, only for plugins built per
 * platform), resolvedFrom, resolvedCanonical, signature, source; `dependencies[]` for vendored
 * solutions; written by yaml.v3 under a header comment with mode 0600. `lockfile` (Go, under
 * src/test/go) reads a lock strictly with that schema and writes one by those rules.
 */
class LockCompatSpec extends Specification {
    @Shared Path go = GoBuild.lockfile()
    ScafctlProcess user = ScafctlProcess.inTempHome()
    PluginMirror mirror = new PluginMirror(user.home.resolve('mirror'))
    String here = Platform.current().toString()
    String other = here == 'linux/arm64' ? 'linux/amd64' : 'linux/arm64'

    def setup() {
        mirror.configure(user)
    }

    def cleanup() {
        user.home.toFile().deleteDir()
    }

    def "a lock the Go tool wrote pins the install, and plugins lock rewrites it in place keeping what only Go uses"() {
        given: 'tool 1.0.0 for two platforms, and 1.0.1 published later'
        def mine = mirror.add('tool', '1.0.0', here)
        def theirs = mirror.add('tool', '1.0.0', other)
        mirror.add('tool', '1.0.1', here)
        mirror.add('tool', '1.0.1', other)
        def solution = user.solutionNeeding('tool', '~1.0.0')

        and: 'solution.lock as the Go tool writes it: no constraint, a vendored solution, a signature'
        def goLock = [
                dependencies: [[ref: 'base@1.0.0', digest: 'sha256:' + 'a' * 64, resolvedFrom: 'mirror', vendoredAt: '.scafctl/vendor/base@1.0.0.yaml']],
                plugins     : [[name: 'tool', kind: 'provider', version: '1.0.0', digest: mine.toString(),
                                digests: [(here): mine.toString(), (other): theirs.toString()], resolvedFrom: 'mirror',
                                resolvedCanonical: 'registry.example.org/plugins',
                                signature: [issuer: 'https://token.actions.githubusercontent.com', identity: 'release.yaml@refs/tags/v1.0.0', signedAt: '2026-01-15T10:30:00Z']]]]
        goWrite(solution.resolveSibling('solution.lock'), goLock)

        when: 'installing with --locked'
        def install = user.run('plugins', 'install', '-f', solution.toString(), '--locked', '-o', 'json')

        then: 'the pinned 1.0.0 is installed, not the newer 1.0.1'
        install.exitCode == 0
        new JsonSlurper().parseText(install.stdout).collect { [it.version, it.digest] } == [['1.0.0', mine.toString()]]

        when: 'plugins lock runs with the same constraint'
        Files.setPosixFilePermissions(solution.resolveSibling('solution.lock'), java.nio.file.attribute.PosixFilePermissions.fromString('rw-------'))
        def lock = user.run('plugins', 'lock', '-f', solution.toString())
        def read = goRead(solution.resolveSibling('solution.lock'))

        then: 'the Go file is the one rewritten, and the Go tool reads it strictly'
        lock.exitCode == 0
        !Files.exists(solution.resolveSibling('.scafctl.lock.yaml'))
        read.exit == 0

        and: 'the newest ~1.0.0 is pinned now, with the constraint recorded'
        def entry = read.lock.plugins[0]
        entry.version == '1.0.1'
        entry.constraint == '~1.0.0'

        and: 'the vendored solutions are kept; the signature described 1.0.0 and is gone with its pin'
        read.lock.dependencies == goLock.dependencies
        entry.signature == null
    }

    def "an unchanged pin keeps the fields only the Go tool acts on, byte for byte"() {
        given:
        def mine = mirror.add('tool', '1.0.0', here)
        def solution = user.solutionNeeding('tool', '1.0.0')
        def plugin = [name: 'tool', kind: 'provider', version: '1.0.0', digest: mine.toString(), digests: [(here): mine.toString()],
                      resolvedFrom: 'mirror', resolvedCanonical: 'registry.example.org/plugins',
                      signature: [issuer: 'https://issuer.example', identity: 'ci@example', signedAt: '2026-01-15T10:30:00Z'],
                      source: [registry: 'registry.example.org/plugins']]
        goWrite(solution.resolveSibling('solution.lock'), [plugins: [plugin]])

        when:
        def lock = user.run('plugins', 'lock', '-f', solution.toString())
        def read = goRead(solution.resolveSibling('solution.lock'))

        then:
        lock.exitCode == 0
        read.exit == 0
        read.lock.plugins == [plugin + [constraint: '1.0.0']]
    }

    def "a lock scafctl writes is read by the Go tool's rules with the same pins"() {
        given:
        def mine = mirror.add('tool', '2.1.0', here)
        def theirs = mirror.add('tool', '2.1.0', other)
        def solution = user.solutionNeeding('tool', '^2.0.0')

        when:
        def lock = user.run('plugins', 'lock', '-f', solution.toString())
        def file = solution.resolveSibling('.scafctl.lock.yaml')
        def read = goRead(file)

        then: 'every key is one of the Go schema, and the single digest is this platform\'s, as Go writes it'
        lock.exitCode == 0
        read.exit == 0
        read.lock == [version: 1, plugins: [[name: 'tool', kind: 'provider', version: '2.1.0', constraint: '^2.0.0',
                                             digest: mine.toString(), digests: [(here): mine.toString(), (other): theirs.toString()],
                                             resolvedFrom: 'mirror']]]

        and: 'our own reader agrees'
        def ours = LockFile.read(file).plugins()[0]
        ours.digestFor(Platform.parse(other)).get().toString() == theirs.toString()
    }

    def "a single digest binds every platform"() {
        given: 'a plugin built per platform, locked by a tool that recorded one digest and no digests map'
        def mine = mirror.add('tool', '1.0.0', here)
        def theirs = mirror.add('tool', '1.0.0', other)
        def solution = user.solutionNeeding('tool', '1.0.0')
        def pinned = pin == 'this platform' ? mine : theirs
        goWrite(solution.resolveSibling('solution.lock'),
                [plugins: [[name: 'tool', kind: 'provider', version: '1.0.0', digest: pinned.toString(), resolvedFrom: 'mirror']]])

        when:
        def r = user.run('plugins', 'install', '-f', solution.toString())

        then:
        r.exitCode == exit
        message.every { r.stderr.contains(it.replace('PLATFORM', here)) }

        where:
        pin              || exit | message
        'this platform'  || 0    | []
        'other platform' || 1    | ['the lock pins a single digest, binding on every platform', "scafctl plugins lock -f <solution> --platform PLATFORM"]
    }

    def "the lock is written under the name already there, else under the tutorial's name"() {
        given:
        mirror.add('tool', '1.0.0', here)
        def solution = user.solutionNeeding('tool', '1.0.0')
        existing.each { Files.writeString(solution.resolveSibling(it), "version: 1\nplugins: []\n") }

        when:
        def r = user.run('plugins', 'lock', '-f', solution.toString())

        then:
        r.exitCode == 0
        Files.readString(solution.resolveSibling(written)).contains('name: tool')
        (['solution.lock', '.scafctl.lock.yaml'] - written).every { !Files.exists(solution.resolveSibling(it)) || Files.readString(solution.resolveSibling(it)) == "version: 1\nplugins: []\n" }

        where:
        existing                                  || written
        []                                        || '.scafctl.lock.yaml'
        ['solution.lock']                         || 'solution.lock'
        ['.scafctl.lock.yaml']                    || '.scafctl.lock.yaml'
        ['solution.lock', '.scafctl.lock.yaml']   || '.scafctl.lock.yaml'
    }

    def "a Go lock's version must still satisfy the solution's constraint"() {
        given:
        def mine = mirror.add('tool', '1.0.0', here)
        def solution = user.solutionNeeding('tool', '^2.0.0')
        goWrite(solution.resolveSibling('solution.lock'),
                [plugins: [[name: 'tool', kind: 'provider', version: '1.0.0', digest: mine.toString(), resolvedFrom: 'mirror']]])

        when:
        def r = user.run('plugins', 'install', '-f', solution.toString())

        then:
        r.exitCode == 2
        r.stderr.contains('the lock pins 1.0.0')
        r.stderr.contains("plugins lock -f")
    }

    // --- the Go side ---

    private void goWrite(Path file, Map lock) {
        def r = go(['write', file.toString()], JsonOutput.toJson(lock))
        assert r.exit == 0: r.err
    }

    private Map goRead(Path file) {
        def r = go(['read', file.toString()], null)
        [exit: r.exit, err: r.err, lock: r.exit == 0 ? new JsonSlurper().parseText(r.out) : null]
    }

    private Map go(List<String> args, String stdin) {
        def p = new ProcessBuilder([go.toString()] + args).start()
        if (stdin != null) p.outputStream.withWriter('UTF-8') { it << stdin } else p.outputStream.close()
        def out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream()
        def t1 = Thread.start { out << p.inputStream }, t2 = Thread.start { err << p.errorStream }
        assert p.waitFor(60, TimeUnit.SECONDS)
        t1.join(); t2.join()
        [exit: p.exitValue(), out: out.toString('UTF-8'), err: err.toString('UTF-8')]
    }
}
