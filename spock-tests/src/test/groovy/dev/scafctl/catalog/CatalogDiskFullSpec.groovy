package dev.scafctl.catalog

import dev.scafctl.plugin.Platform
import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import dev.scafctl.support.Tmpfs
import spock.lang.AutoCleanup
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Unroll

import java.nio.file.Files
import java.nio.file.Path

/**
 * A full disk under the local catalog or the plugin cache: a real 1 MiB tmpfs (root mounts it)
 * that a 2 MiB plugin does not fit on. The user is told the disk is full, where, and how much is
 * needed, never that the content is damaged; nothing half-written is left there.
 */
@Requires({ Tmpfs.available() })
class CatalogDiskFullSpec extends Specification {
    @Shared @AutoCleanup RegistryFixture registry = RegistryFixture.start()
    @Shared ScafctlProcess publisher = ScafctlProcess.inTempHome()
    @Shared Path archive
    @Shared Path solution
    @Shared String here = Platform.current().toString()

    ScafctlProcess user
    Tmpfs small

    def setupSpec() {
        def bin = publisher.home.resolve('tool')
        Files.write(bin, new byte[2 << 20].tap { new Random(5).nextBytes(it) })
        ok publisher.run('build', 'plugin', '--name', 'tool', '--kind', 'provider', '--version', '1.0.0', '--platform', "${here}=${bin}".toString())
        ok publisher.run('catalog', 'push', 'tool@1.0.0', '--catalog', "${registry.host}/full")
        archive = publisher.home.resolve('tool.tar')
        ok publisher.run('catalog', 'save', 'tool@1.0.0', '-o', archive.toString())
        solution = publisher.solutionNeeding('tool')
    }

    def cleanupSpec() {
        publisher.home.toFile().deleteDir()
    }

    def setup() {
        user = ScafctlProcess.inTempHome()
        small = Tmpfs.mount('1m')
        def config = Files.createDirectories(user.home.resolve('config/scafctl')).resolve('config.yaml')
        Files.writeString(config, "catalogs:\n  - {name: reg, type: oci, url: '${registry.host}/full'}\n")
    }

    def cleanup() {
        small?.close()
        user?.home?.toFile()?.deleteDir()
    }

    @Unroll
    def "'#command' with the #where on a full disk says the disk is full, where and how much is needed"() {
        given: 'the directory it writes to on a 1 MiB file system'
        user.env[variable] = small.dir.toString()

        when: 'it is asked to store a 2 MiB plugin there'
        def r = user.run(args())

        then: 'it fails saying the disk is full, naming the directory, the free and the needed bytes, and the next step'
        r.exitCode == 1
        r.stderr =~ /the disk holding ${small.dir}\/scafctl\S* is full \(\d+ bytes free, \d+ needed\)/
        r.stderr.contains('free space on that disk')

        and: 'never that the content is damaged, and without a stack trace'
        !r.stderr.contains('does not match its digest')
        !r.stderr.contains('re-create')
        !r.stderr.contains('\tat ')

        and: 'nothing half-written is left on that disk'
        leftovers() == []

        where:
        command           | where       | variable         | args
        'catalog load'    | 'data dir'  | 'XDG_DATA_HOME'  | { ['catalog', 'load', '-i', archive.toString()] }
        'catalog pull'    | 'data dir'  | 'XDG_DATA_HOME'  | { ['catalog', 'pull', "${registry.host}/full/providers/tool@1.0.0".toString()] }
        'plugins install' | 'cache dir' | 'XDG_CACHE_HOME' | { ['plugins', 'install', '-f', solution.toString()] }
    }

    // ---- helpers

    /** Temp files and staging directories anywhere on the small disk. */
    List<String> leftovers() {
        Files.walk(small.dir).withCloseable { s ->
            s.map { small.dir.relativize(it).toString() }
                    .filter { it.endsWith('.part') || it.endsWith('.tmp') || it.contains('.load-') }.toList()
        }
    }

    static void ok(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }
}
