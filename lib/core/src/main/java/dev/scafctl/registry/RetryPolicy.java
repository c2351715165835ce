package dev.scafctl.registry;

import dev.scafctl.error.InvalidInputException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How hard the registry client tries before giving up.
 *
 * @param attempts      requests per operation, the first included (1: never retry)
 * @param firstBackoff  pause before the first retry; it doubles for each further one
 * @param maxBackoff    the longest pause between two attempts
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a registry asking for more gets an error instead
 * @param timeout       how long a registry may say nothing: no response headers, or a body that stops flowing
 * @param minRate       bytes per second below which a whole exchange (request, answer head and body) is too slow
 * @param transferFloor how long any exchange may take whatever its size; a larger one gets size / minRate
 */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff, Duration maxRetryAfter, Duration timeout,
                          long minRate, Duration transferFloor) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8),
            Duration.ofSeconds(60), Duration.ofSeconds(30), 64 * 1024, Duration.ofSeconds(60));

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");
    private static final Pattern RATE = Pattern.compile("\\d+(?:\\.\\d+)?");

    public RetryPolicy {
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1");
        if (minRate < 1) throw new IllegalArgumentException("minRate must be at least 1 byte per second");
    }

    /** With the default pace ({@link #minRate}, {@link #transferFloor}). */
    public RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff, Duration maxRetryAfter, Duration timeout) {
        this(attempts, firstBackoff, maxBackoff, maxRetryAfter, timeout, DEFAULT.minRate, DEFAULT.transferFloor);
    }

    /**
     * The defaults, overridden by {@code SCAFCTL_REGISTRY_ATTEMPTS}, {@code _BACKOFF}, {@code _MAX_BACKOFF},
     * {@code _MAX_RETRY_AFTER}, {@code _TIMEOUT}, {@code _TRANSFER_FLOOR} (durations: {@code 30}, {@code 1.5s},
     * {@code 200ms}) and {@code _MIN_RATE} (KiB/s: {@code 64}, {@code 0.5}), or by system properties of the
     * same names in lower case with dots ({@code scafctl.registry.timeout}).
     */
    public static RetryPolicy fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    static RetryPolicy from(Map<String, String> env, Properties props) {
        Function<String, String> get = key -> {
            String p = props.getProperty(key.toLowerCase(Locale.ROOT).replace('_', '.'));
            return p != null ? p : env.get(key);
        };
        RetryPolicy d = DEFAULT;
        String a = get.apply("SCAFCTL_REGISTRY_ATTEMPTS");
        int attempts = d.attempts;
        if (a != null && !a.isBlank()) {
            try {
                attempts = Integer.parseInt(a.trim());
            } catch (NumberFormatException e) {
                attempts = 0;
            }
            if (attempts < 1) throw invalid("SCAFCTL_REGISTRY_ATTEMPTS", a, "a whole number of at least 1");
        }
        return new RetryPolicy(attempts,
                duration(get, "SCAFCTL_REGISTRY_BACKOFF", d.firstBackoff),
                duration(get, "SCAFCTL_REGISTRY_MAX_BACKOFF", d.maxBackoff),
                duration(get, "SCAFCTL_REGISTRY_MAX_RETRY_AFTER", d.maxRetryAfter),
                duration(get, "SCAFCTL_REGISTRY_TIMEOUT", d.timeout),
                rate(get, "SCAFCTL_REGISTRY_MIN_RATE", d.minRate),
                duration(get, "SCAFCTL_REGISTRY_TRANSFER_FLOOR", d.transferFloor));
    }

    /** A copy with other timings, for embedding applications and tests. */
    public RetryPolicy withTimeout(Duration t) {
        return new RetryPolicy(attempts, firstBackoff, maxBackoff, maxRetryAfter, t, minRate, transferFloor);
    }

    /** A copy with another pace: the slowest rate accepted, and the time any exchange may take. */
    public RetryPolicy withPace(long bytesPerSecond, Duration floor) {
        return new RetryPolicy(attempts, firstBackoff, maxBackoff, maxRetryAfter, timeout, bytesPerSecond, floor);
    }

    /**
     * How long an exchange that moves {@code bytes} may take in all: {@code bytes / minRate}, and never
     * less than {@link #transferFloor}, so that small answers are not held to a rate their latency dominates.
     */
    Duration allowance(long bytes) {
        double seconds = Math.max(0, bytes) / (double) minRate;
        long millis = seconds >= Long.MAX_VALUE / 1000.0 ? Long.MAX_VALUE : (long) Math.ceil(seconds * 1000);
        return Duration.ofMillis(Math.max(transferFloor.toMillis(), millis));
    }

    /** The minimum rate as a user reads it: {@code 64 KiB/s}, {@code 0.5 KiB/s}. */
    static String formatRate(long bytesPerSecond) {
        double kib = bytesPerSecond / 1024.0;
        return (kib == Math.rint(kib) ? String.valueOf((long) kib) : String.format(Locale.ROOT, "%.2f", kib)
                .replaceAll("0+$", "")) + " KiB/s";
    }

    /**
     * The pause before retry number {@code retry} (1 for the first): exponential, capped, with
     * "equal jitter" (half fixed, half random) so clients that failed together do not return together.
     */
    Duration backoff(int retry) {
        long first = Math.max(1, firstBackoff.toMillis());
        long step = retry >= 31 ? Long.MAX_VALUE : first << Math.max(0, retry - 1);
        long cap = Math.min(step <= 0 ? Long.MAX_VALUE : step, maxBackoff.toMillis());
        long half = cap / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(cap - half + 1));
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110 section 10.2.3); empty when absent or unreadable. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) return Optional.empty();
        String h = header.trim();
        if (h.matches("\\d{1,9}")) return Optional.of(Duration.ofSeconds(Long.parseLong(h)));
        try {
            Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration duration(Function<String, String> get, String key, Duration fallback) {
        String v = get.apply(key);
        if (v == null || v.isBlank()) return fallback;
        Matcher m = DURATION.matcher(v.trim());
        if (!m.matches()) throw invalid(key, v, "a duration such as 30, 1.5s or 200ms");
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> n;
            case "m" -> n * 60_000;
            default -> n * 1000;
        };
        return Duration.ofMillis(Math.max(1, Math.round(millis)));
    }

    /** KiB per second, as a number ({@code 64}, {@code 0.5}); kept in bytes per second. */
    private static long rate(Function<String, String> get, String key, long fallback) {
        String v = get.apply(key);
        if (v == null || v.isBlank()) return fallback;
        if (!RATE.matcher(v.trim()).matches()) throw invalid(key, v, "a rate in KiB/s such as 64 or 0.5");
        long bytes = Math.round(Double.parseDouble(v.trim()) * 1024);
        if (bytes < 1) throw invalid(key, v, "a rate in KiB/s of at least 0.001 (one byte per second)");
        return bytes;
    }

    private static InvalidInputException invalid(String key, String value, String expected) {
        return new InvalidInputException(key + " is '" + value + "', not " + expected,
                "fix or unset " + key + " (or the system property " + key.toLowerCase(Locale.ROOT).replace('_', '.') + ")");
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 100) return ms + " ms";
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
