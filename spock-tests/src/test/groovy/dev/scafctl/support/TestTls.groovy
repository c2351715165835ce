package dev.scafctl.support

import javax.net.ssl.KeyManagerFactory
import javax.net.ssl.SSLContext
import java.nio.file.Files
import java.nio.file.Path
import java.security.KeyStore

/**
 * A self-signed certificate made with the JDK's keytool, for TLS servers a spec runs itself (a
 * {@link FaultProxy} standing for a registry or another host). scafctl trusts it through a
 * catalog's caFile, {@link #certificate}.
 */
class TestTls {
    private static final String PASSWORD = 'scafctl-test'
    final Path keystore
    final Path certificate
    final SSLContext serverContext

    private TestTls(Path keystore, Path certificate, SSLContext serverContext) {
        this.keystore = keystore
        this.certificate = certificate
        this.serverContext = serverContext
    }

    /** A certificate valid for these IP addresses, in {@code dir}. */
    static TestTls forAddresses(Path dir, List<String> addresses) {
        def keytool = Path.of(System.getProperty('java.home'), 'bin', 'keytool').toString()
        def ks = dir.resolve('server.p12')
        def pem = dir.resolve('ca.pem')
        run([keytool, '-genkeypair', '-alias', 'server', '-keyalg', 'RSA', '-keysize', '2048', '-validity', '1',
             '-dname', 'CN=scafctl-test', '-ext', 'SAN=' + addresses.collect { "ip:${it}" }.join(','),
             '-keystore', ks.toString(), '-storetype', 'PKCS12', '-storepass', PASSWORD, '-keypass', PASSWORD])
        run([keytool, '-exportcert', '-rfc', '-alias', 'server', '-keystore', ks.toString(), '-storepass', PASSWORD,
             '-file', pem.toString()])
        def store = KeyStore.getInstance('PKCS12')
        Files.newInputStream(ks).withCloseable { store.load(it, PASSWORD.toCharArray()) }
        def kmf = KeyManagerFactory.getInstance(KeyManagerFactory.defaultAlgorithm)
        kmf.init(store, PASSWORD.toCharArray())
        def ctx = SSLContext.getInstance('TLS')
        ctx.init(kmf.keyManagers, null, null)
        new TestTls(ks, pem, ctx)
    }

    private static void run(List<String> cmd) {
        def p = cmd.execute()
        def err = new StringBuilder()
        p.waitForProcessOutput(new StringBuilder(), err)
        if (p.exitValue() != 0) throw new IllegalStateException("${cmd[1]} failed: ${err}")
    }
}
