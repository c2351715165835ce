package dev.scafctl.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.format.Formats;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The messages of registry failures: each names the registry and says what to do. They are built
 * from status codes, the registry's own error codes and the URLs it sent, never from what scafctl
 * sent, so they never carry a credential.
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
        String why = e instanceof HttpTransport.ConnectTimeoutException ? "connection timed out"
                : e instanceof java.net.UnknownHostException ? "unknown host"
                : e instanceof java.net.ConnectException ? "connection refused"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new ScafctlException("cannot reach registry " + host + " over " + (plainHttp ? "HTTP" : "HTTPS") + " (" + why + ")",
                "check the catalog URL and your network, and that the registry is running"
                        + (plainHttp ? "" : "; a registry without TLS must be configured with --insecure"));
    }

    static ScafctlException unauthorized(String host, String what, boolean hadCredentials) {
        return new UnauthorizedException(host, "registry " + host + " requires authentication for " + what
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

    static ScafctlException gaveUp(String host, String what, String problem, int attempts) {
        return new ScafctlException("registry " + host + " failed " + what + " (" + problem + "; gave up after "
                + attempts + (attempts == 1 ? " attempt)" : " attempts)"),
                "the registry has a problem; try again later or ask its administrator");
    }

    static ScafctlException timedOut(String host, String what, java.time.Duration timeout, int attempts) {
        return new ScafctlException("registry " + host + " sent nothing for " + RetryPolicy.format(timeout) + " during " + what
                + " (gave up after " + attempts + (attempts == 1 ? " attempt)" : " attempts)"),
                "check that the registry is up and the network is sound; for a slow registry raise SCAFCTL_REGISTRY_TIMEOUT");
    }

    static ScafctlException rateLimited(String host, String what, java.time.Duration wait, java.time.Duration cap) {
        return new ScafctlException("registry " + host + " is limiting requests (429 Too Many Requests) and asks to wait "
                + RetryPolicy.format(wait) + " before " + what + ", longer than scafctl waits (" + RetryPolicy.format(cap) + ")",
                "try again in " + RetryPolicy.format(wait) + ", or raise SCAFCTL_REGISTRY_MAX_RETRY_AFTER to wait it out");
    }

    static ScafctlException downloadBroken(String host, String what, long received, int attempts, IOException cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new ScafctlException("download of " + what + " from registry " + host + " broke off after " + received
                + " bytes (" + why + "; gave up after " + attempts + (attempts == 1 ? " attempt)" : " attempts)"),
                "nothing was stored; try again, and check the network and the registry if it keeps happening");
    }

    static ScafctlException tooLarge(String host, String what, long size, long limit) {
        return new dev.scafctl.error.InvalidInputException(what + " in registry " + host + " is "
                + (size < 0 ? "more than " + limit : String.valueOf(size)) + " bytes, more than the " + (limit >> 20)
                + " MiB scafctl accepts", "manifests and configs of scafctl artifacts are small (OCI suggests at most 4 MiB): "
                + "this is not a scafctl artifact, or it is damaged; nothing was stored");
    }

    static ScafctlException tokenTooLarge(String host, String realm, long size, long limit) {
        return new ScafctlException("the token service " + realm + " of registry " + host + " answered with "
                + (size < 0 ? "more than " + limit : String.valueOf(size)) + " bytes, more than the " + (limit >> 20)
                + " MiB scafctl accepts for a token", "a token answer is a few KiB: the token service is misconfigured "
                + "or is not one; nothing was stored; tell the registry's administrator");
    }

    /** @param announced the answer's Content-Length, or -1 when the body simply kept coming */
    static ScafctlException longerThanDeclared(String host, String what, long declared, long announced) {
        return new ScafctlException(what + " in registry " + host + " is longer than the " + declared
                + " bytes its manifest declares" + (announced >= 0 ? ": the registry announces " + announced
                + " bytes (Content-Length), so nothing was read" : ": the download stopped at byte " + (declared + 1)),
                "the registry serves content that does not match the artifact; nothing was stored; tell its administrator");
    }

    static ScafctlException notHttp(String host, String purpose, String target) {
        return new ScafctlException("registry " + host + " sends " + purpose + " to '" + target
                + "', which is not an http or https URL", "the registry, or a proxy in front of it, is misconfigured; "
                + "tell its administrator");
    }

    /** A registry that points a URL it hands out (a redirect, a next page, a token realm) at plain HTTP. */
    static ScafctlException leavesTls(String host, String purpose, java.net.URI target) {
        return new ScafctlException("registry " + host + " sends " + purpose + " to " + target
                + ", over plain HTTP: scafctl does not leave TLS", "the registry, or a proxy in front of it, is "
                + "misconfigured or hostile; nothing was sent there; tell its administrator");
    }

    /** A next page on another host, port or scheme: credentials and listings stay on the registry. */
    static ScafctlException offRegistry(String host, String purpose, java.net.URI target) {
        return new ScafctlException("registry " + host + " sends " + purpose + " to " + target
                + ", which is not the registry (another host, port or scheme)", "scafctl follows pages only on the "
                + "registry itself, where its credentials go; the registry, or a proxy in front of it, is misconfigured "
                + "or hostile; nothing was sent there; tell its administrator");
    }

    static ScafctlException tooSlow(String host, String what, Deadline.TooSlowException e) {
        return new ScafctlException("registry " + host + (e.upload ? " took the " : " sent ") + what + " at less than "
                + RetryPolicy.formatRate(e.minRate) + "; gave up after " + RetryPolicy.format(e.after),
                "check the network and the registry; on a slow link lower SCAFCTL_REGISTRY_MIN_RATE (KiB/s) "
                        + "or raise SCAFCTL_REGISTRY_TRANSFER_FLOOR");
    }

    static ScafctlException digestMismatch(String host, String what, Object expected, Object actual) {
        return new ScafctlException("registry " + host + " served " + what + " with digest " + actual + ", expected " + expected,
                "the registry holds damaged or replaced content; nothing was stored; tell its administrator");
    }

    /** The registry's own error code and message, e.g. {@code MANIFEST_UNKNOWN: manifest unknown}. */
    static String detail(byte[] body) {
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
