package dev.scafctl.reliability

import dev.scafctl.oci.Digest
import dev.scafctl.plugin.Platform
import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.Unroll

import java.nio.file.Files
import java.nio.file.Path

/**
 * Input built to exhaust the CLI rather than to be wrong: files far larger than any document,
 * endless devices. Every case runs the real CLI under the launcher's 64 MiB heap, and ends in a
 * message that names what was refused and the limit, never in an OutOfMemoryError.
 */
class ReliabilityHostileInputSpec extends Specification {
    static final long HUNDRED_MB = 100L * 1024 * 1024
    static final String LIMIT = '8388608 bytes (8 MiB)'

    ScafctlProcess scafctl
    Path app

    def setup() {
        scafctl = ScafctlProcess.inTempHome()
        scafctl.jvmOptions << '-Xmx64m'
        app = Files.createDirectories(scafctl.home.resolve('app'))
    }

    def cleanup() {
        scafctl?.home?.toFile()?.deleteDir()
    }

    @Unroll
    def "a 100 MB #kind is refused from its size with exit 2, naming the file, its size and the limit"() {
        given: 'a solution that needs a plugin (so its lock is read), and a sparse 100 MB file where the #kind belongs'
        def solution = writeSolution('bundle: {plugins: [{name: tool, kind: provider, version: "^1.0.0"}]}\n')
        def params = app.resolve('params.yaml')
        Files.writeString(params, 'who: world\n')
        def big = [solution: solution, lock: app.resolve('.scafctl.lock.yaml'), 'params file': params,
                   config: scafctl.home.resolve('config/scafctl/config.yaml')][kind]
        sparse(big, HUNDRED_MB)

        when: 'the solution is run'
        def r = scafctl.run('run', 'solution', '-f', solution.toString(), '--params-file', params.toString())

        then: 'invalid input: the exact size shows the file was measured, not read, and nothing ran out of memory'
        r.exitCode == 2
        r.stderr.contains("${what} ${big} is 104857600 bytes (100 MiB), more than the ${LIMIT} scafctl reads")
        r.stderr.contains('Next: ')
        !r.stderr.contains('OutOfMemoryError')
        !r.stderr.contains('\tat ')

        where:
        kind          || what
        'solution'    || 'solution file'
        'lock'        || 'lock file'
        'params file' || '--params-file'
        'config'      || 'config'
    }

    @Unroll
    def "/dev/zero as the #kind is read no further than the limit, and refused with exit 2"() {
        given: 'a solution that needs a plugin (so the config is read), and /dev/zero standing for the #kind'
        def solution = writeSolution('bundle: {plugins: [{name: tool, kind: provider, version: "^1.0.0"}]}\n')
        List<String> args = ['run', 'solution', '-f', solution.toString()]
        if (kind == 'solution') args[3] = '/dev/zero'
        if (kind == 'params file') args += ['--params-file', '/dev/zero']
        if (kind == 'config') {
            def config = Files.createDirectories(scafctl.home.resolve('config/scafctl')).resolve('config.yaml')
            Files.createSymbolicLink(config, Path.of('/dev/zero'))
        }

        when: 'the solution is run'
        def r = scafctl.run(args)

        then: 'invalid input that says the device gave more than the limit'
        r.exitCode == 2
        r.stderr.contains("gave more than the ${LIMIT} scafctl reads (it is not a regular file")
        !r.stderr.contains('OutOfMemoryError')
        !r.stderr.contains('\tat ')

        where:
        kind << ['solution', 'params file', 'config']
    }

    @Unroll
    def "the file provider on #source stops at its limit and fails with exit 1, naming the path and the limit"() {
        given: 'a solution whose resolver reads #source with the file provider'
        def path = source == '/dev/zero' ? '/dev/zero' : app.resolve('data.bin').toString()
        if (source != '/dev/zero') sparse(Path.of(path), HUNDRED_MB)
        def solution = writeSolution('', "spec: {resolvers: {data: {resolve: {with: [{provider: file, inputs: {path: \"${path}\"}}]}}}}\n")

        when: 'the solution is run'
        def r = scafctl.run('run', 'solution', '-f', solution.toString())

        then: 'a provider failure (the file is the solution\'s data, not the request), naming the path and the limit'
        r.exitCode == 1
        r.stderr.contains("provider file failed: file ${path} ${found} the ${LIMIT} scafctl reads")
        !r.stderr.contains('OutOfMemoryError')
        !r.stderr.contains('\tat ')

        where:
        source             || found
        '/dev/zero'        || 'gave more than'
        'a 100 MB file'    || 'is 104857600 bytes (100 MiB), more than'
    }

    @Unroll
    def "#place with a #what of #length characters is refused with exit 2 naming the limit, writing nothing"() {
        given: 'a home with an empty catalog and cache, and the long value where #place takes it'
        def args = arrange(place, value)
        def before = userFiles()

        when: 'the CLI runs'
        def r = scafctl.run(args)

        then: 'invalid input naming the limit, with the value cut short in the message; no file was written'
        r.exitCode == 2
        r.stderr.contains(limit)
        r.stderr.contains("(${length} characters)")
        r.stderr.length() < 1000
        userFiles() == before

        where:
        place                     | what                  | value                             || limit
        'build plugin --name'     | 'name'                | 'a' * 5000                        || 'more than the 128 characters a name may have'
        'build plugin --version'  | 'version'             | '1.0.0-' + 'a' * 5000             || 'more than the 128 characters a version may have'
        'build plugin --version'  | 'dotted version'      | '1.0.0-' + 'a.' * 5000 + 'a'      || 'more than the 128 characters a version may have'
        'bundle.plugins'          | 'name'                | 'a' * 5000                        || 'more than the 128 characters a name may have'
        'bundle.plugins'          | 'dotted name'         | 'a.' * 5000 + 'a'                 || 'more than the 128 characters a name may have'
        'catalog push'            | 'name'                | 'a' * 5000                        || 'more than the 128 characters a name may have'
        'catalog push'            | 'version'             | '1.0.0-' + 'a' * 5000             || 'more than the 128 characters a version may have'
        'catalog pull'            | 'repository'          | 'a.' * 3000 + 'a'                 || 'more than the 255 characters a reference may have'
        'the lock file'           | 'name'                | 'a' * 5000                        || 'more than the 128 characters a name may have'
        'the lock file'           | 'version'             | '1.0.0-' + 'a' * 5000             || 'more than the 128 characters a version may have'
        length = (place == 'catalog push' && what == 'name' ? value + '@1.0.0'
                : place == 'catalog push' ? 'tool@' + value
                : place == 'catalog pull' ? '127.0.0.1:1/' + value + '@1.0.0' : value).length()
    }

    @Unroll
    def "anchors, aliases and merge keys in the #kind resolve to their values, as the Go scafctl reads them"() {
        given: 'a #kind that shares values through &anchors, *aliases and <<: merge keys'
        def args = arrangeAliases(kind)

        when: 'the CLI reads it'
        def r = scafctl.run(args)

        then: 'the aliases stand for their anchors\' values (not their names), explicit keys win over merged ones'
        r.exitCode == 0
        observe(kind, r.stdout) == expected

        where:
        kind                || expected
        'solution'          || [plain: 'the-real-value', merged: [region: 'eu', size: 'large', zone: 'a'], words: ['yes', 'on', true]]
        'params file'       || [greeting: 'world', settings: [region: 'eu', size: 'large']]
        'config'            || [[name: 'first', url: '127.0.0.1:5000/a', insecure: true], [name: 'second', url: '127.0.0.1:5000/a', insecure: true]]
        'lock'              || [installed: 'tool@1.4.0']
        'file provider'     || [data: [first: [a: 1, b: 2], second: [a: 1, b: 3, c: 4]]]
    }

    @Unroll
    def "an alias bomb in the #kind is refused at once with exit #code, naming the limit"() {
        given: 'nine lines, each a list of nine aliases of the line before: 9^9 values if expanded'
        def args = arrangeBomb(kind)

        when: 'the CLI reads it under the launcher\'s heap'
        def r = scafctl.run(args)

        then: 'refused before anything is expanded, naming the limit'
        r.exitCode == code
        r.stderr.contains('refused: its aliases stand for more than 100000 values')
        !r.stderr.contains('OutOfMemoryError')
        !r.stderr.contains('\tat ')

        where:
        kind            || code
        'solution'      || 2
        'params file'   || 2
        'config'        || 2
        'lock'          || 2
        'file provider' || 1
    }

    def "a YAML document of one 6 MiB line is refused at once with exit 2, not scanned into an OutOfMemoryError"() {
        given: 'a solution whose description is one 6 MiB word, under the 8 MiB a document may have'
        def solution = app.resolve('solution.yaml')
        Files.writeString(solution, 'apiVersion: scafctl.io/v1\nkind: Solution\nmetadata: {name: app, description: "' + 'x' * (6 << 20)
                + '"}\nspec: {resolvers: {a: {resolve: {with: [{provider: static, inputs: {value: 1}}]}}}}\n')

        when: 'the solution is run under the launcher\'s heap'
        def r = scafctl.run('run', 'solution', '-f', solution.toString())

        then: 'invalid input naming the line, its length and the limit'
        r.exitCode == 2
        r.stderr.contains("${solution}:3: refused: a line of ")
        r.stderr.contains('more than the 1048576 a YAML line may have')
        !r.stderr.contains('OutOfMemoryError')
    }

    /** The command line for one row of the alias feature, with the files it needs. */
    private List<String> arrangeAliases(String kind) {
        switch (kind) {
            case 'solution':
                def solution = app.resolve('solution.yaml')
                Files.writeString(solution, '''apiVersion: scafctl.io/v1
kind: Solution
metadata:
  name: app
  description: &secret "the-real-value"
spec:
  resolvers:
    plain:
      resolve: {with: [{provider: static, inputs: {value: *secret}}]}
    merged:
      resolve:
        with:
          - provider: static
            inputs:
              value:
                <<: [&defaults {region: eu, size: small}, {size: medium, zone: a}]
                size: large
    words:
      resolve: {with: [{provider: static, inputs: {value: [yes, on, true]}}]}
''')
                return ['run', 'solution', '-f', solution.toString(), '-o', 'json']
            case 'params file':
                def params = app.resolve('params.yaml')
                Files.writeString(params, '''defaults: &defaults {region: eu, size: small}
who: &who world
greeting: *who
settings:
  <<: *defaults
  size: large
''')
                def solution = writeSolution('', '''spec:
  resolvers:
    greeting: {resolve: {with: [{provider: parameter, inputs: {key: greeting}}]}}
    settings: {resolve: {with: [{provider: parameter, inputs: {key: settings}}]}}
''')
                return ['run', 'solution', '-f', solution.toString(), '--params-file', params.toString(), '-o', 'json']
            case 'config':
                def config = Files.createDirectories(scafctl.home.resolve('config/scafctl')).resolve('config.yaml')
                Files.writeString(config, '''catalogs:
  - &base {name: first, type: oci, url: "127.0.0.1:5000/a", insecure: yes}
  - <<: *base
    name: second
settings: {defaultCatalog: second}
''')
                return ['config', 'view', '-o', 'json']
            case 'lock':
                def bin = Files.writeString(app.resolve('tool-bin'), 'a plugin binary')
                def platform = Platform.current().toString()
                ok scafctl.run('build', 'plugin', '--name', 'tool', '--kind', 'provider', '--version', '1.4.0', '--platform', "${platform}=${bin}".toString())
                def solution = writeSolution('bundle: {plugins: [{name: tool, kind: provider, version: "^1.0.0"}]}\n', 'spec: {resolvers: {}}\n')
                Files.writeString(app.resolve('.scafctl.lock.yaml'), """version: 1
defaults: &pin {kind: provider, constraint: ^1.0.0, resolvedFrom: local}
plugins:
  - <<: *pin
    name: tool
    version: 1.4.0
    digest: &digest ${Digest.of(bin)}
    platforms:
      ${platform}: *digest
""")
                // --locked: the lock must be exactly what resolving the plugins now gives
                return ['plugins', 'install', '-f', solution.toString(), '--locked']
            case 'file provider':
                Files.writeString(app.resolve('data.yaml'), '''first: &first {a: 1, b: 2}
second:
  <<: *first
  b: 3
  c: 4
''')
                def solution = writeSolution('', 'spec: {resolvers: {data: {resolve: {with: [{provider: file, inputs: {path: data.yaml, parse: yaml}}]}}}}\n')
                return ['run', 'solution', '-f', solution.toString(), '-o', 'json']
        }
        throw new IllegalArgumentException(kind)
    }

    /** What the CLI printed, reduced to what the alias feature compares. */
    private static Object observe(String kind, String stdout) {
        switch (kind) {
            case 'config':
                return new JsonSlurper().parseText(stdout).catalogs.collect { [name: it.name, url: it.url, insecure: it.insecure] }
            case 'lock':
                def row = stdout.readLines().find { it.startsWith('tool ') }.split(/\s+/)
                return [installed: "${row[0]}@${row[2]}".toString()]
            default:
                return new JsonSlurper().parseText(stdout)
        }
    }

    /** The command line for one row of the alias-bomb feature. */
    private List<String> arrangeBomb(String kind) {
        def bomb = (1..8).inject('l0: &l0 [' + (['"lol"'] * 9).join(', ') + ']\n') { text, i ->
            text + "l${i}: &l${i} [" + (["*l${i - 1}"] * 9).join(', ') + ']\n'
        }
        def file = app.resolve('bomb.yaml')
        Files.writeString(file, bomb)
        switch (kind) {
            case 'solution':
                return ['run', 'solution', '-f', file.toString()]
            case 'params file':
                return ['run', 'solution', '-f', writeSolution('').toString(), '--params-file', file.toString()]
            case 'config':
                Files.createDirectories(scafctl.home.resolve('config/scafctl'))
                Files.copy(file, scafctl.home.resolve('config/scafctl/config.yaml'))
                return ['config', 'view']
            case 'lock':
                Files.copy(file, app.resolve('.scafctl.lock.yaml'))
                return ['plugins', 'install', '-f', writeSolution('bundle: {plugins: [{name: tool, kind: provider, version: "^1.0.0"}]}\n').toString()]
            case 'file provider':
                return ['run', 'solution', '-f', writeSolution('', 'spec: {resolvers: {data: {resolve: {with: [{provider: file, inputs: {path: bomb.yaml, parse: yaml}}]}}}}\n').toString()]
        }
        throw new IllegalArgumentException(kind)
    }

    static void ok(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }

    /** The command line for one row of the long-value feature, with the files it needs. */
    private List<String> arrange(String place, String value) {
        def bin = Files.writeString(app.resolve('bin'), 'a plugin')
        switch (place) {
            case 'build plugin --name':
                return ['build', 'plugin', '--name', value, '--kind', 'provider', '--version', '1.0.0', '--platform', "linux/amd64=${bin}".toString()]
            case 'build plugin --version':
                return ['build', 'plugin', '--name', 'tool', '--kind', 'provider', '--version', value, '--platform', "linux/amd64=${bin}".toString()]
            case 'bundle.plugins':
                return ['plugins', 'install', '-f', writeSolution("bundle: {plugins: [{name: \"${value}\", kind: provider, version: \"^1.0.0\"}]}\n").toString()]
            case 'catalog push':
                return ['catalog', 'push', value.startsWith('1.0.0') ? "tool@${value}".toString() : "${value}@1.0.0".toString(), '--catalog', 'http://127.0.0.1:1']
            case 'catalog pull':
                return ['catalog', 'pull', "127.0.0.1:1/${value}@1.0.0".toString()]
            case 'the lock file':
                def solution = writeSolution('bundle: {plugins: [{name: tool, kind: provider, version: "^1.0.0"}]}\n')
                def name = value.startsWith('1.0.0') ? 'tool' : value
                def version = value.startsWith('1.0.0') ? value : '1.0.0'
                Files.writeString(app.resolve('.scafctl.lock.yaml'), """version: 1
plugins:
- name: ${name}
  kind: provider
  constraint: ^1.0.0
  version: ${version}
  digest: sha256:${'0' * 64}
""")
                return ['plugins', 'install', '-f', solution.toString()]
        }
        throw new IllegalArgumentException(place)
    }

    /** Every file and directory under the user's data and cache directories. */
    private List<String> userFiles() {
        ['data', 'cache'].collectMany { d ->
            def root = scafctl.home.resolve(d)
            !Files.exists(root) ? [] : Files.walk(root).withCloseable { s -> s.map { scafctl.home.relativize(it).toString() }.toList() }
        }.sort()
    }

    private Path writeSolution(String bundle, String spec = 'spec: {resolvers: {hello: {resolve: {with: [{provider: static, inputs: {value: hi}}]}}}}\n') {
        def file = app.resolve('solution.yaml')
        Files.writeString(file, 'apiVersion: scafctl.io/v1\nkind: Solution\nmetadata: {name: app}\n' + bundle + spec)
        file
    }

    /** A file of that size that takes no disk: what matters is what the CLI would read. */
    private static void sparse(Path file, long size) {
        Files.createDirectories(file.parent)
        new RandomAccessFile(file.toFile(), 'rw').withCloseable { it.setLength(size) }
    }
}
