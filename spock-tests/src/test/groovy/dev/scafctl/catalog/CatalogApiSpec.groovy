package dev.scafctl.catalog

import dev.scafctl.Scafctl
import dev.scafctl.config.CatalogConfig
import dev.scafctl.config.Paths
import dev.scafctl.error.ScafctlException
import dev.scafctl.event.Event
import dev.scafctl.plugin.Platform
import dev.scafctl.support.RegistryFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

/** The library API the plugin fetch pipeline builds on: the chain, describe without download, blob streaming. */
class CatalogApiSpec extends Specification {
    @Shared
    @AutoCleanup
    RegistryFixture registry = RegistryFixture.start()

    Path home
    List<Event> events = Collections.synchronizedList([])
    Scafctl scafctl
    Path amd
    Path arm

    def setup() {
        home = Files.createTempDirectory('scafctl-api')
        scafctl = Scafctl.builder()
                .paths(new Paths(home.resolve('config'), home.resolve('data'), home.resolve('cache')))
                .listener { events << it }
                .build()
        amd = home.resolve('amd')
        arm = home.resolve('arm')
        Files.writeString(amd, 'amd64 binary')
        Files.writeString(arm, 'arm64 binary')
    }

    def cleanup() {
        home.toFile().deleteDir()
    }

    def "the chain describes local and remote plugins by platform and streams their binaries"() {
        given: 'a plugin built locally and pushed to the configured catalog'
        def catalogs = scafctl.catalogs()
        catalogs.buildPlugin(ArtifactKind.PROVIDER, 'echo', '1.2.0',
                [(Platform.parse('linux/amd64')): amd, (Platform.parse('darwin/arm64')): arm], ['echo'], false)
        catalogs.addCatalog(CatalogConfig.oci('corp', "${registry.host}/api", false), true, false)
        catalogs.push('echo@1.2.0', null, false)

        when: 'both catalogs of the chain are asked'
        def chain = catalogs.chain()
        def local = chain[0].describe(ArtifactKind.PROVIDER, 'echo', '1.2.0').get()
        def remote = chain[1].describe(ArtifactKind.PROVIDER, 'echo', '1.2.0').get()
        def out = new ByteArrayOutputStream()
        def linux = remote.requirePlatform(Platform.parse('linux/amd64'))
        chain[1].fetchBlob(ArtifactKind.PROVIDER, 'echo', linux.blobDigest(), linux.size(), out)

        then: 'they agree on digests and sizes'
        chain*.name() == ['local', 'corp']
        chain[1].versions(ArtifactKind.PROVIDER, 'echo') == ['1.2.0']
        local.digest() == remote.digest()
        local.platforms() == remote.platforms()
        linux.blobDigest().toString() == sha256(amd)
        linux.size() == Files.size(amd)
        out.toByteArray() == Files.readAllBytes(amd)
        remote.annotations()['dev.scafctl.plugin.providers'] == 'echo'

        and: 'the push reported one upload per platform, named by artifact, version and platform'
        def done = events.findAll { it instanceof Event.Transfer && it.finished() } as List<Event.Transfer>
        done*.direction() as Set == [Event.Transfer.Direction.UPLOAD] as Set
        done*.subject() as Set == ['echo 1.2.0 linux/amd64', 'echo 1.2.0 darwin/arm64'] as Set
        done.every { it.done() == it.total() }

        when: 'a platform it lacks is asked for'
        remote.requirePlatform(Platform.parse('windows/amd64'))

        then: 'the error lists the platforms it has'
        def e = thrown(ScafctlException)
        e.message.contains('darwin/arm64, linux/amd64')
    }

    def "a single manifest annotated with its platform serves that platform only"() {
        given: 'one per-platform manifest of an index copied alone under a new tag'
        def catalogs = scafctl.catalogs()
        catalogs.buildPlugin(ArtifactKind.PROVIDER, 'one', '1.0.0', [(Platform.parse('linux/amd64')): amd], [], false)
        def info = catalogs.local().describe(ArtifactKind.PROVIDER, 'one', '1.0.0').get()
        catalogs.push('one@1.0.0', "${registry.host}/indexed", false)
        def p = ['skopeo', 'copy', '--src-tls-verify=false', '--dest-tls-verify=false',
                 "docker://${registry.host}/indexed/providers/one@${info.platforms()[0].manifestDigest()}",
                 "docker://${registry.host}/single/providers/one:1.0.0"].execute()
        p.waitForProcessOutput(new StringBuilder(), new StringBuilder())
        assert p.exitValue() == 0

        when:
        def target = scafctl.catalogs().resolver().resolve("${registry.host}/single")
        def remote = scafctl.catalogs().open(target).describe(ArtifactKind.PROVIDER, 'one', '1.0.0').get()

        then:
        !remote.isIndex()
        remote.forPlatform(Platform.parse('linux/amd64')).get().blobDigest().toString() == sha256(amd)
        remote.forPlatform(Platform.parse('darwin/arm64')).isEmpty()
    }

    private static String sha256(Path file) {
        'sha256:' + MessageDigest.getInstance('SHA-256').digest(Files.readAllBytes(file)).encodeHex().toString()
    }
}
