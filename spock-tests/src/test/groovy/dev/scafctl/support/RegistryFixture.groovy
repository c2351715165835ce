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
    final String bindHost
    final boolean tls
    private final Process process

    private RegistryFixture(Path root, int port, Process process, String bindHost, boolean tls) {
        this.root = root
        this.port = port
        this.process = process
        this.bindHost = bindHost
        this.tls = tls
    }

    /** The CA (a self-signed certificate) of a registry started with {@link #startOn}(host, true). */
    Path getCertificate() { root.resolve('cert.pem') }

    /**
     * A registry on a non-loopback address, where scafctl insists on TLS unless the catalog is
     * marked insecure; with {@code tls}, a fresh self-signed certificate for that address.
     */
    static RegistryFixture startOn(String bindHost, boolean tls) {
        start(true, false, bindHost, tls)
    }

    /** The first non-loopback IPv4 address of this machine, or null. */
    static String externalAddress() {
        NetworkInterface.networkInterfaces.findResult { ni ->
            ni.up && !ni.loopback ? ni.inetAddresses.find { it instanceof Inet4Address }?.hostAddress : null
        }
    }

    /** The user and password of {@link #startWithBasicAuth}; the htpasswd line is its bcrypt hash (cost 4). */
    static final String USER = 'tester'
    static final String PASSWORD = 's3cret-pass'
    private static final String HTPASSWD = 'tester:$2b$04$/rOGrxjTGfgVcBfffPhj8e.zuJQb.o.mNmfF6SKWt9F7.KenAuRhS'

    /** A registry that demands basic auth (htpasswd) for everything. */
    static RegistryFixture startWithBasicAuth() {
        start(true, true)
    }

    static RegistryFixture start(boolean deleteEnabled = true, boolean basicAuth = false, String bindHost = '127.0.0.1',
                                 boolean tls = false) {
        Path root = Files.createTempDirectory('scafctl-registry')
        int port = freePort(bindHost)
        Path config = root.resolve('config.yml')
        List<String> lines = ['version: 0.1',
                              'log:', '  level: error', '  accesslog:', '    disabled: true',
                              'storage:', '  filesystem:', "    rootdirectory: ${root.resolve('data')}".toString(),
                              '  delete:', "    enabled: ${deleteEnabled}".toString(),
                              'http:', "  addr: ${bindHost}:${port}".toString()]
        if (tls) {
            def openssl = ['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
                           '-keyout', root.resolve('key.pem').toString(), '-out', root.resolve('cert.pem').toString(),
                           '-subj', '/CN=scafctl-test', '-addext', "subjectAltName=IP:${bindHost}".toString()].execute()
            openssl.waitForProcessOutput(new StringBuilder(), new StringBuilder())
            if (openssl.exitValue() != 0) throw new IllegalStateException('openssl could not create a test certificate')
            lines += ['  tls:', "    certificate: ${root.resolve('cert.pem')}".toString(), "    key: ${root.resolve('key.pem')}".toString()]
        }
        if (basicAuth) {
            Files.writeString(root.resolve('htpasswd'), HTPASSWD + '\n')
            lines += ['auth:', '  htpasswd:', '    realm: scafctl-test', "    path: ${root.resolve('htpasswd')}".toString()]
        }
        Files.writeString(config, lines.join('\n') + '\n')
        def p = new ProcessBuilder('docker-registry', 'serve', config.toString())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve('registry.log').toFile())
                .start()
        def fixture = new RegistryFixture(root, port, p, bindHost, tls)
        fixture.awaitReady()
        fixture
    }

    String getHost() { "${bindHost}:${port}" }

    private void awaitReady() {
        // readiness only: the test certificate is not trusted by this JVM, and need not be
        def trustAll = [checkClientTrusted: { a, b -> }, checkServerTrusted: { a, b -> },
                        getAcceptedIssuers: { new java.security.cert.X509Certificate[0] }] as javax.net.ssl.X509TrustManager
        def ssl = javax.net.ssl.SSLContext.getInstance('TLS')
        ssl.init(null, [trustAll] as javax.net.ssl.TrustManager[], null)
        def client = HttpClient.newBuilder().sslContext(ssl).build()
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
        while (System.nanoTime() < deadline) {
            if (!process.alive) throw new IllegalStateException("docker-registry exited: ${Files.readString(root.resolve('registry.log'))}")
            try {
                def r = client.send(HttpRequest.newBuilder(URI.create("${tls ? 'https' : 'http'}://${host}/v2/")).build(), HttpResponse.BodyHandlers.discarding())
                if (r.statusCode() == 200 || r.statusCode() == 401) return
            } catch (IOException ignored) {
                // not listening yet
            }
            Thread.sleep(100)
        }
        close()
        throw new IllegalStateException('docker-registry did not start within 30 s')
    }

    private static int freePort(String bindHost) {
        new ServerSocket(0, 50, InetAddress.getByName(bindHost)).withCloseable { it.localPort }
    }

    @Override
    void close() {
        process.destroy()
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor()
        root.toFile().deleteDir()
    }
}
