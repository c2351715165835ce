package dev.scafctl.support

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * A real OCI registry for a spec: Debian's docker-registry (CNCF Distribution) serving from a temp
 * directory on a free loopback port, with deletion enabled. Start it in setupSpec, close it in cleanupSpec.
 */
class RegistryFixture implements Closeable {
    final Path root
    final int port
    private final Process process

    private RegistryFixture(Path root, int port, Process process) {
        this.root = root
        this.port = port
        this.process = process
    }

    /** The user and password of {@link #startWithBasicAuth}; the htpasswd line is its bcrypt hash (cost 4). */
    static final String USER = 'tester'
    static final String PASSWORD = 's3cret-pass'
    private static final String HTPASSWD = 'tester:$2b$04$/rOGrxjTGfgVcBfffPhj8e.zuJQb.o.mNmfF6SKWt9F7.KenAuRhS'

    /** A registry that demands basic auth (htpasswd) for everything. */
    static RegistryFixture startWithBasicAuth() {
        start(true, true)
    }

    static RegistryFixture start(boolean deleteEnabled = true, boolean basicAuth = false) {
        Path root = Files.createTempDirectory('scafctl-registry')
        int port = freePort()
        Path config = root.resolve('config.yml')
        String auth = ''
        if (basicAuth) {
            Files.writeString(root.resolve('htpasswd'), HTPASSWD + '\n')
            auth = """\
            auth:
              htpasswd:
                realm: scafctl-test
                path: ${root.resolve('htpasswd')}
            """
        }
        Files.writeString(config, """\
            version: 0.1
            log:
              level: error
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: ${root.resolve('data')}
              delete:
                enabled: ${deleteEnabled}
            http:
              addr: 127.0.0.1:${port}
            """.stripIndent() + auth.stripIndent())
        def p = new ProcessBuilder('docker-registry', 'serve', config.toString())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve('registry.log').toFile())
                .start()
        def fixture = new RegistryFixture(root, port, p)
        fixture.awaitReady()
        fixture
    }

    String getHost() { "127.0.0.1:${port}" }

    private void awaitReady() {
        def client = HttpClient.newHttpClient()
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
        while (System.nanoTime() < deadline) {
            if (!process.alive) throw new IllegalStateException("docker-registry exited: ${Files.readString(root.resolve('registry.log'))}")
            try {
                def r = client.send(HttpRequest.newBuilder(URI.create("http://${host}/v2/")).build(), HttpResponse.BodyHandlers.discarding())
                if (r.statusCode() == 200 || r.statusCode() == 401) return
            } catch (IOException ignored) {
                // not listening yet
            }
            Thread.sleep(100)
        }
        close()
        throw new IllegalStateException('docker-registry did not start within 30 s')
    }

    private static int freePort() {
        new ServerSocket(0, 50, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
    }

    @Override
    void close() {
        process.destroy()
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor()
        root.toFile().deleteDir()
    }
}
