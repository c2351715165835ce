package dev.scafctl.catalog

import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Unroll

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.FileTime
import java.time.Duration
import java.time.Instant

/**
 * What a writer killed with kill -9 leaves in the local catalog: a temp blob, the temp file of an
 * index.json write, a staging directory of catalog load. The next write removes those older than
 * 30 minutes and keeps younger ones, which may belong to a writer still at work.
 */
class CatalogLeftoverSpec extends Specification {
    static final Path HELLO = ScafctlProcess.root().resolve('examples/hello/solution.yaml')
    static final Instant TWO_HOURS_AGO = Instant.now() - Duration.ofHours(2)

    @Shared @AutoCleanup RegistryFixture registry = RegistryFixture.start()
    @Shared ScafctlProcess publisher = ScafctlProcess.inTempHome()
    @Shared Path archive

    ScafctlProcess user
    Path data
    Path catalog

    def setupSpec() {
        ok publisher.run('build', 'solution', '-f', HELLO.toString(), '--version', '2.0.0')
        ok publisher.run('catalog', 'push', 'hello@2.0.0', '--catalog', "${registry.host}/leftovers")
        archive = publisher.home.resolve('hello.tar')
        ok publisher.run('catalog', 'save', 'hello@2.0.0', '-o', archive.toString())
    }

    def cleanupSpec() {
        publisher.home.toFile().deleteDir()
    }

    def setup() {
        user = ScafctlProcess.inTempHome()
        data = user.home.resolve('data/scafctl')
        catalog = data.resolve('catalog')
        ok user.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')
    }

    def cleanup() {
        user?.home?.toFile()?.deleteDir()
    }

    @Unroll
    def "'#command' removes what a killed writer left over 30 minutes ago and keeps what is younger"() {
        given: 'leftovers of dead writers, two hours old, and of writers that may still be at work'
        def old = [plant('catalog/blobs/sha256/.incoming-1111.tmp', TWO_HOURS_AGO),
                   plant('catalog/.index.json.2222.tmp', TWO_HOURS_AGO),
                   plantDir('.load-3333', TWO_HOURS_AGO, TWO_HOURS_AGO)]
        def young = [plant('catalog/blobs/sha256/.incoming-4444.tmp', Instant.now()),
                     plantDir('.load-5555', TWO_HOURS_AGO, Instant.now())]

        when: 'another process writes the local catalog'
        def r = user.run(args())

        then: 'it succeeds; the old leftovers are gone, the young ones are kept'
        ok r
        old.findAll { Files.exists(it) } == []
        young.findAll { !Files.exists(it) } == []

        and: 'the catalog still lists what it had'
        user.run('catalog', 'list').stdout.contains('hello')

        where:
        command          | args
        'build solution' | { ['build', 'solution', '-f', HELLO.toString(), '--version', '1.1.0'] }
        'catalog pull'   | { ['catalog', 'pull', "${registry.host}/leftovers/solutions/hello@2.0.0".toString()] }
        'catalog load'   | { ['catalog', 'load', '-i', archive.toString()] }
        'catalog tag'    | { ['catalog', 'tag', 'hello@1.0.0', 'stable'] }
    }

    // ---- helpers

    /** A file under the data directory with the given modification time. */
    Path plant(String path, Instant modified) {
        def p = data.resolve(path)
        Files.createDirectories(p.parent)
        Files.write(p, new byte[4096])
        Files.setLastModifiedTime(p, FileTime.from(modified))
        p
    }

    /** A staging directory as catalog load makes it, with a blob whose time is {@code newest}. */
    Path plantDir(String name, Instant modified, Instant newest) {
        def dir = data.resolve(name)
        def blob = plant("${name}/blobs/sha256/.incoming-7777.tmp", newest)
        [blob.parent, blob.parent.parent, dir].each { Files.setLastModifiedTime(it, FileTime.from(modified)) }
        dir
    }

    static void ok(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }
}
