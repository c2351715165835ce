package dev.scafctl.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.format.Formats;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The messages of registry failures: each names the registry and says what to do. They are built
 * from status codes and the registry's own error codes only, so they never carry a credential.
 */
final class RegistryErrors {
    private RegistryErrors() {
    }

    static ScafctlException unreachable(String host, IOException e, boolean plainHttp) {
        if (e instanceof SSLException) {
            return new ScafctlException("TLS connection to registry " + host + " failed: " + e.getMessage(),
                    "if the registry uses a private CA, add it with 'scafctl config add-catalog NAME --type oci --url "
                            + host + " --ca-file CA.pem'; for a registry without TLS add --insecure");
        }
        String why = e instanceof HttpConnectTimeoutException ? "connection timed out"
                : e.getCause() instanceof java.nio.channels.UnresolvedAddressException ? "unknown host"
                : e instanceof java.net.ConnectException ? "connection refused"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new ScafctlException("cannot reach registry " + host + " over " + (plainHttp ? "HTTP" : "HTTPS") + " (" + why + ")",
                "check the catalog URL and your network, and that the registry is running"
                        + (plainHttp ? "" : "; a registry without TLS must be configured with --insecure"));
    }

    static ScafctlException unauthorized(String host, String what, boolean hadCredentials) {
        return new ScafctlException("registry " + host + " requires authentication for " + what
                + (hadCredentials ? " and rejected the stored credentials" : "") + " (401 Unauthorized)",
                "log in with 'scafctl catalog login " + host + " --username USER --password-stdin' (or 'docker login " + host + "')");
    }

    static ScafctlException forbidden(String host, String what) {
        return new ScafctlException("registry " + host + " denied " + what + " (403 Forbidden)",
                "log in as a user with access: 'scafctl catalog login " + host + " --username USER --password-stdin'");
    }

    static ScafctlException notFound(String host, String what) {
        return new ScafctlException(what + " not found in registry " + host + " (404)",
                "check the name and version; 'scafctl catalog list --catalog " + host + "' shows what it has");
    }

    static ScafctlException deleteRefused(String host, String what, int status, byte[] body) {
        return new ScafctlException("registry " + host + " refuses to delete " + what + " (" + status + detail(body) + ")",
                "ask its administrator to enable deletion (CNCF Distribution: storage.delete.enabled: true), "
                        + "or leave this version and push a new one");
    }

    static ScafctlException listingUnsupported(String host, int status) {
        return new ScafctlException("registry " + host + " does not offer a repository listing (/v2/_catalog answered " + status + ")",
                "list one artifact's versions instead: 'scafctl catalog list --catalog " + host + " --kind KIND --name NAME'");
    }

    static ScafctlException unexpected(String host, String what, int status, byte[] body) {
        return new ScafctlException("registry " + host + " failed " + what + " (" + status + detail(body) + ")",
                status >= 500 ? "the registry has a problem; try again later or ask its administrator"
                        : "check the reference; run with --verbose for details");
    }

    static ScafctlException digestMismatch(String host, String what, Object expected, Object actual) {
        return new ScafctlException("registry " + host + " served " + what + " with digest " + actual + ", expected " + expected,
                "the registry holds damaged or replaced content; nothing was stored; tell its administrator");
    }

    /** The registry's own error code and message, e.g. {@code MANIFEST_UNKNOWN: manifest unknown}. */
    private static String detail(byte[] body) {
        if (body == null || body.length == 0) return "";
        try {
            JsonNode e = Formats.json().readTree(new String(body, StandardCharsets.UTF_8)).path("errors").path(0);
            String code = e.path("code").asText("");
            String msg = e.path("message").asText("");
            if (code.isEmpty() && msg.isEmpty()) return "";
            return ": " + code + (msg.isEmpty() ? "" : " " + msg);
        } catch (IOException | RuntimeException ex) {
            return "";
        }
    }
}
