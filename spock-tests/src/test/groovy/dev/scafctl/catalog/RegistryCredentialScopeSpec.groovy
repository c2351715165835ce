package dev.scafctl.catalog

import dev.scafctl.plugin.Platform
import dev.scafctl.support.FaultProxy
import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import dev.scafctl.support.TestTls
import spock.lang.AutoCleanup
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Unroll

import java.nio.file.Files
import java.nio.file.Path

/**
 * Where credentials go when a TLS registry hands out URLs: a next page of a listing, a token
 * realm, a blob redirect, an upload session. The registry the user logged in to is a TLS
 * {@link FaultProxy} (its certificate trusted through the catalog's caFile) in front of the real
 * registry with htpasswd; the URLs point at two other servers, one on plain HTTP on loopback and
 * one on TLS on another port, and their recorded request heads must never hold an Authorization
 * header. Off loopback, like {@link RegistryTransportSpec}: scafctl talks TLS only there.
 */
@Requires({ RegistryFixture.externalAddress() != null })
class RegistryCredentialScopeSpec extends Specification {
    static final String EXT = RegistryFixture.externalAddress()
    static final Path HELLO = ScafctlProcess.root().resolve('examples/hello/solution.yaml')
    static final String BASIC = Base64.encoder.encodeToString("${RegistryFixture.USER}:${RegistryFixture.PASSWORD}".getBytes('UTF-8'))

    @Shared @AutoCleanup RegistryFixture registry = RegistryFixture.startWithBasicAuth()
    @Shared ScafctlProcess publisher = ScafctlProcess.inTempHome()
    @Shared TestTls tls
    /** The registry as the user knows it: TLS, on the machine's external address. */
    @Shared FaultProxy front
    /** Another port on loopback, plain HTTP: what a hostile Link or redirect points at. */
    @Shared FaultProxy plain
    /** Another port on the registry's address, TLS with the same trusted certificate. */
    @Shared FaultProxy otherTls
    /** Logged in to the registry, with a solution built; each case gets a fresh copy of its data directory. */
    @Shared ScafctlProcess user
    @Shared Path builtData

    def setupSpec() {
        tls = TestTls.forAddresses(publisher.home, [EXT, '127.0.0.1'])
        def bin = publisher.home.resolve('tool')
        Files.writeString(bin, "#!/bin/sh\nexit 3\n")
        ok publisher.run('build', 'plugin', '--name', 'tool', '--kind', 'provider', '--version', '1.0.0',
                '--platform', "${Platform.current()}=${bin}".toString())
        publisher.env.DOCKER_CONFIG = publisher.home.resolve('docker').toString()
        publisher.input = RegistryFixture.PASSWORD + '\n'
        ok publisher.run('catalog', 'login', registry.host, '--username', RegistryFixture.USER, '--password-stdin')
        publisher.input = null
        ok publisher.run('catalog', 'push', 'tool@1.0.0', '--catalog', "${registry.host}/scope")

        front = new FaultProxy('127.0.0.1', registry.port, EXT, tls.serverContext)
        // both stand for storage that trusts a signed URL, not our header: they add their own to reach the registry
        plain = new FaultProxy('127.0.0.1', registry.port)
        otherTls = new FaultProxy('127.0.0.1', registry.port, EXT, tls.serverContext)
        [plain, otherTls].each { it.addRequestHeaders.Authorization = "Basic ${BASIC}".toString() }

        user = ScafctlProcess.inTempHome()
        user.env.putAll([SCAFCTL_REGISTRY_ATTEMPTS: '2', SCAFCTL_REGISTRY_BACKOFF: '10ms'])
        user.env.DOCKER_CONFIG = user.home.resolve('docker').toString()
        ok user.run('config', 'add-catalog', 'secure', '--type', 'oci', '--url', "${front.address}/scope".toString(),
                '--ca-file', tls.certificate.toString())
        user.input = RegistryFixture.PASSWORD + '\n'
        ok user.run('catalog', 'login', front.address, '--username', RegistryFixture.USER, '--password-stdin')
        user.input = null
        ok user.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0')
        builtData = user.home.resolve('built-data')
        Files.move(user.home.resolve('data'), builtData)
    }

    def cleanupSpec() {
        [front, plain, otherTls]*.close()
        [publisher, user]*.home*.toFile()*.deleteDir()
    }

    def setup() {
        [front, plain, otherTls].each { it.rules.clear(); it.heads.clear(); it.seen.clear() }
        def data = Files.createTempDirectory(user.home, 'data')
        copyTree(builtData, data)
        user.env.XDG_DATA_HOME = data.toString()
    }

    @Unroll
    def "#situation: #outcome, and no other server gets credentials"() {
        given: 'the TLS registry hands out that URL once the client has logged in'
        inject(front, plain.address, otherTls.address)

        when:
        def r = user.run(args(front.address))

        then: 'the other servers never got credentials, whatever they were asked'
        (plain.heads + otherTls.heads).every { !(it =~ /(?im)^authorization:/) }

        and: 'the registry did'
        front.heads.any { it =~ /(?im)^authorization: basic / }

        and: 'the command ends as the case says, naming the registry and the URL it refused'
        r.exitCode == code
        says == null || r.stderr.contains("registry ${front.address} sends ")
        says == null || r.stderr.contains(fill(says, front.address, plain.address, otherTls.address))

        where:
        situation                                              | outcome                  | inject      | args || code | says
        'a next page on another port over plain HTTP'          | 'refused'                | link('http://PLAIN/v2/scope/providers/tool/tags/list?n=1000&last=1.0.0')     | LIST || 1 | 'the next page of the tags of scope/providers/tool to http://PLAIN/v2/scope/providers/tool/tags/list'
        'a next page on another port over TLS'                 | 'refused'                | link('https://OTHER/v2/scope/providers/tool/tags/list?n=1000&last=1.0.0')    | LIST || 1 | 'to https://OTHER/v2/scope/providers/tool/tags/list?n=1000&last=1.0.0, which is not the registry (another host, port or scheme)'
        "a next page on the registry's port over plain HTTP"   | 'refused'                | link('http://FRONT/v2/scope/providers/tool/tags/list?n=1000&last=1.0.0')     | LIST || 1 | 'over plain HTTP: scafctl does not leave TLS'
        'a relative next page'                                 | 'followed on the registry' | link('/v2/scope/providers/tool/tags/list?n=1000&last=1.0.0')               | LIST || 0 | null
        'a blob redirect over plain HTTP'                      | 'refused'                | redirect('http://PLAIN')                                                     | PULL || 1 | 'to http://PLAIN/v2/scope/providers/tool/blobs/sha256:'
        'a blob redirect to another port over TLS'             | 'followed without credentials' | redirect('https://OTHER')                                            | PULL || 0 | null
        'an upload session on another port over plain HTTP'   | 'refused'                | uploadAt('http://PLAIN/v2/scope/solutions/hello/blobs/uploads/injected')     | PUSH || 1 | 'the session of upload of blob'
    }

    def "a token realm over plain HTTP is refused for a TLS registry, even on loopback, before credentials go anywhere"() {
        given: 'the TLS registry challenges every manifest request for a bearer token from a plain-HTTP realm'
        realm('http://PLAIN/token')(front, plain.address, otherTls.address)

        when:
        def r = user.run(PULL(front.address))

        then: 'refused, naming the registry and the realm; the realm was never asked'
        r.exitCode == 1
        r.stderr.contains("registry ${front.address} sends the token service for manifest ${front.address}/scope/providers/tool:1.0.0 to http://${plain.address}/token")
        r.stderr.contains('over plain HTTP: scafctl does not leave TLS')
        plain.seen == []
    }

    // ---- the URLs handed out, with PLAIN, OTHER and FRONT standing for the servers' addresses

    static final Closure LIST = { String front -> ['catalog', 'list', '--catalog', 'secure', '--kind', 'provider', '--name', 'tool'] }
    static final Closure PULL = { String front -> ['catalog', 'pull', "${front}/scope/providers/tool@1.0.0".toString()] }
    static final Closure PUSH = { String front -> ['catalog', 'push', 'hello@1.0.0', '--catalog', 'secure', '--force'] }

    static String fill(String template, String front, String plain, String other) {
        template.replace('PLAIN', plain).replace('OTHER', other).replace('FRONT', front)
    }

    /** The first page of the tag list, once asked with credentials, names this next page; later pages go to the registry. */
    static Closure link(String target) {
        return { FaultProxy f, String plain, String other ->
            f.rule(method: 'GET', pathContains: '/tags/list', withHeader: 'Authorization', times: 1, status: 200,
                    body: '{"name":"scope/providers/tool","tags":["1.0.0"]}'.getBytes('UTF-8'),
                    headers: ['Content-Type': 'application/json',
                              Link: "<${fill(target, f.address, plain, other)}>; rel=\"next\"".toString()])
        }
    }

    /** Every manifest request is challenged for a bearer token from this realm. */
    static Closure realm(String target) {
        return { FaultProxy f, String plain, String other ->
            f.rule(method: 'GET', pathContains: '/manifests/', status: 401,
                    headers: ['WWW-Authenticate': "Bearer realm=\"${fill(target, f.address, plain, other)}\",service=\"scope\"".toString()])
        }
    }

    /** Blob requests with credentials are redirected to this base URL plus their path. */
    static Closure redirect(String target) {
        return { FaultProxy f, String plain, String other ->
            f.rule(method: 'GET', pathContains: '/blobs/', withHeader: 'Authorization', redirectTo: fill(target, f.address, plain, other))
        }
    }

    /** An upload started with credentials is given this session URL. */
    static Closure uploadAt(String target) {
        return { FaultProxy f, String plain, String other ->
            f.rule(method: 'POST', pathContains: '/blobs/uploads/', withHeader: 'Authorization', status: 202,
                    headers: [Location: fill(target, f.address, plain, other)])
        }
    }

    static void copyTree(Path from, Path to) {
        Files.walk(from).withCloseable { s ->
            s.forEach { p -> Files.copy(p, to.resolve(from.relativize(p).toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING) }
        }
    }

    static void ok(ScafctlProcess.Result r) {
        assert r.exitCode == 0: r.toString()
    }
}
