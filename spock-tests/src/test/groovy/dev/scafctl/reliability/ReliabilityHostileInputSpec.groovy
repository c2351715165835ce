package dev.scafctl.reliability

import dev.scafctl.support.ScafctlProcess
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
