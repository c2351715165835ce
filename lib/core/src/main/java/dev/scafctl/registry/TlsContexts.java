package dev.scafctl.registry;

import dev.scafctl.error.InvalidInputException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** TLS trust: the system's CAs, plus the certificates of a catalog's {@code caFile}. */
final class TlsContexts {
    private TlsContexts() {
    }

    static SSLContext forCaFile(Path caFile) {
        if (caFile == null) {
            try {
                return SSLContext.getDefault();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JVM has no default TLS context", e);
            }
        }
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            int i = 0;
            for (var tm : system.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) ks.setCertificateEntry("system-" + i++, c);
                }
            }
            try (InputStream in = Files.newInputStream(caFile)) {
                var certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
                if (certs.isEmpty()) throw badCa(caFile, "it holds no certificate");
                for (Certificate c : certs) ks.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw badCa(caFile, e.getMessage());
        }
    }

    private static InvalidInputException badCa(Path f, String why) {
        return new InvalidInputException("cannot use the CA file " + f + ": " + why,
                "point caFile at a PEM file with the registry's CA certificate(s)");
    }
}
