package dev.scafctl.catalog

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonOutput
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest
import java.util.concurrent.ConcurrentHashMap

/**
 * What a local Distribution registry cannot be made to do on demand: a bearer-token realm, blob
 * redirects to another host, a 403. A small fake plays the registry for these cases only.
 */
class RegistryProtocolSpec extends Specification {
    static final Path HELLO = ScafctlProcess.root().resolve('examples/hello/solution.yaml')

    ScafctlProcess scafctl
    HttpServer registry
    HttpServer storage
    Map<String, List<String>> seen = new ConcurrentHashMap<>()

    def setup() {
        // created here, not in a field initializer, so data-table evaluation creates no stray home
        scafctl = ScafctlProcess.inTempHome()
        byte[] yaml = Files.readAllBytes(HELLO)
        byte[] config = '{"kind":"solution","name":"hello","version":"1.0.0","createdAt":"2026-01-01T00:00:00Z"}'.getBytes('UTF-8')
        byte[] manifest = JsonOutput.toJson([schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
                config: [mediaType: 'application/vnd.scafctl.solution.config.v1+json', digest: digest(config), size: config.length],
                layers: [[mediaType: 'application/vnd.scafctl.solution.v1+yaml', digest: digest(yaml), size: yaml.length]],
                annotations: ['dev.scafctl.artifact.type': 'solution', 'dev.scafctl.artifact.name': 'hello']]).getBytes('UTF-8')
        Map<String, byte[]> blobs = [(digest(yaml)): yaml, (digest(config)): config]

        storage = server { HttpExchange ex ->
            record('storage', ex)
            def d = ex.requestURI.path.substring('/blob/'.length())
            respond(ex, 200, blobs[d], 'application/octet-stream')
        }
        registry = server { HttpExchange ex ->
            record('registry', ex)
            String path = ex.requestURI.path
            String auth = ex.requestHeaders.getFirst('Authorization')
            if (path == '/token') {
                def expected = 'Basic ' + Base64.encoder.encodeToString('tester:pw'.getBytes('UTF-8'))
                return auth == expected ? respond(ex, 200, '{"token":"tok123"}'.getBytes('UTF-8'), 'application/json')
                        : respond(ex, 401, new byte[0], 'text/plain')
            }
            if (path.startsWith('/v2/denied/')) return respond(ex, 403, '{"errors":[{"code":"DENIED","message":"no"}]}'.getBytes('UTF-8'), 'application/json')
            if (auth != 'Bearer tok123') {
                ex.responseHeaders.add('WWW-Authenticate',
                        "Bearer realm=\"http://${host(registry)}/token\",service=\"fake\",scope=\"repository:org/solutions/hello:pull\"")
                return respond(ex, 401, '{"errors":[{"code":"UNAUTHORIZED"}]}'.getBytes('UTF-8'), 'application/json')
            }
            if (path == '/v2/org/solutions/hello/manifests/1.0.0') {
                ex.responseHeaders.add('Docker-Content-Digest', digest(manifest))
                return respond(ex, 200, manifest, 'application/vnd.oci.image.manifest.v1+json')
            }
            if (path.startsWith('/v2/org/solutions/hello/blobs/')) {
                // blob storage on another host, as registries backed by object stores answer
                ex.responseHeaders.add('Location', "http://${host(storage)}/blob/${path.substring(path.lastIndexOf('/') + 1)}")
                return respond(ex, 307, new byte[0], 'text/plain')
            }
            respond(ex, 404, new byte[0], 'text/plain')
        }
        def docker = Files.createDirectories(scafctl.home.resolve('docker'))
        Files.writeString(docker.resolve('config.json'),
                """{"auths": {"${host(registry)}": {"auth": "${Base64.encoder.encodeToString('tester:pw'.getBytes('UTF-8'))}"}}}""")
        scafctl.env.DOCKER_CONFIG = docker.toString()
    }

    def cleanup() {
        registry?.stop(0)
        storage?.stop(0)
        scafctl?.home?.toFile()?.deleteDir()
    }

    def "a bearer challenge is answered with a token, and a redirect to another host carries no credentials"() {
        when:
        def pull = scafctl.run('catalog', 'pull', "${host(registry)}/org/solutions/hello@1.0.0")

        then: 'the pull succeeds through the token realm'
        pull.exitCode == 0
        pull.stdout.startsWith('pulled solution hello@1.0.0')
        seen.registry.contains('GET /token Basic')

        and: 'the blob store on the other host saw both blobs and no Authorization header'
        seen.storage.size() == 2
        seen.storage.every { it.endsWith(' -') }
    }

    def "a 403 says the registry denied access and how to log in"() {
        when:
        def pull = scafctl.run('catalog', 'pull', "${host(registry)}/denied/solutions/hello@1.0.0")

        then:
        pull.exitCode == 1
        pull.stderr.contains("registry ${host(registry)} denied")
        pull.stderr.contains("scafctl catalog login ${host(registry)}")
        !pull.stderr.contains('pw')
    }

    def "a registry without a repository listing says so and how to list one artifact instead"() {
        when:
        def all = scafctl.run('catalog', 'list', '--catalog', "${host(registry)}/org")

        then:
        all.exitCode == 1
        all.stderr.contains("registry ${host(registry)} does not offer a repository listing")
        all.stderr.contains('--name NAME')
    }

    // ---- helpers

    /** Notes "METHOD PATH SCHEME", the scheme of the Authorization header or "-" without one. */
    private void record(String who, HttpExchange ex) {
        String auth = ex.requestHeaders.getFirst('Authorization')
        seen.computeIfAbsent(who) { Collections.synchronizedList([]) } <<
                "${ex.requestMethod} ${ex.requestURI.path} ${auth == null ? '-' : auth.split(' ')[0]}".toString()
    }

    private static HttpServer server(Closure handler) {
        def s = HttpServer.create(new InetSocketAddress(InetAddress.getByName('127.0.0.1'), 0), 0)
        s.createContext('/') { HttpExchange ex -> try { handler(ex) } finally { ex.close() } }
        s.start()
        s
    }

    private static void respond(HttpExchange ex, int status, byte[] body, String type) {
        ex.responseHeaders.add('Content-Type', type)
        if (ex.requestMethod == 'HEAD' || body.length == 0) {
            ex.sendResponseHeaders(status, -1)
        } else {
            ex.sendResponseHeaders(status, body.length)
            ex.responseBody.write(body)
        }
    }

    private static String host(HttpServer s) {
        "127.0.0.1:${s.address.port}"
    }

    private static String digest(byte[] b) {
        'sha256:' + MessageDigest.getInstance('SHA-256').digest(b).encodeHex().toString()
    }
}
