package dev.scafctl.registry;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How to reach one registry.
 *
 * @param host     {@code host[:port]}
 * @param insecure plain HTTP allowed although the host is not loopback
 * @param caFile   extra PEM certificates trusted for this registry; null for the system trust store only
 * @param retry    attempts, backoff and timeouts
 */
public record RegistryOptions(String host, boolean insecure, Path caFile, RetryPolicy retry) {

    /** With the retry policy of the environment ({@link RetryPolicy#fromEnvironment()}). */
    public RegistryOptions(String host, boolean insecure, Path caFile) {
        this(host, insecure, caFile, RetryPolicy.fromEnvironment());
    }

    public static RegistryOptions of(String host) {
        return new RegistryOptions(host, false, null);
    }

    public RegistryOptions withRetry(RetryPolicy r) {
        return new RegistryOptions(host, insecure, caFile, r);
    }

    /** Plain HTTP for loopback hosts and catalogs marked insecure; TLS everywhere else. */
    public boolean plainHttp() {
        return insecure || isLoopback(host);
    }

    public String baseUrl() {
        return (plainHttp() ? "http://" : "https://") + host;
    }

    /** localhost, 127.0.0.0/8 and ::1, with or without a port; decided from the name, never by DNS. */
    public static boolean isLoopback(String hostPort) {
        String h = hostPort.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 && h.substring(1, end).equals("::1");
        }
        int colon = h.indexOf(':');
        if (colon >= 0) h = h.substring(0, colon);
        return h.equals("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
