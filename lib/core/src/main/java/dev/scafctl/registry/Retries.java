package dev.scafctl.registry;

import dev.scafctl.error.ScafctlException;
import dev.scafctl.event.Event;
import dev.scafctl.event.EventListener;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Whether and when one registry's requests are tried again, under a {@link RetryPolicy}. Each retry
 * is reported as a warning through the listener, so a slow command says why it is slow.
 */
final class Retries {
    private static final Set<Integer> RETRY_STATUS = Set.of(429, 500, 502, 503, 504);

    private final RetryPolicy policy;
    private final String host;
    private final boolean plainHttp;
    private final EventListener listener;
    /** Set once the registry has answered anything: from then on a refused connection is worth retrying. */
    private volatile boolean answered;

    Retries(RetryPolicy policy, String host, boolean plainHttp, EventListener listener) {
        this.policy = policy;
        this.host = host;
        this.plainHttp = plainHttp;
        this.listener = listener == null ? EventListener.NONE : listener;
    }

    /** One operation's attempts, shared by its requests so that retries do not multiply. */
    final class Tries {
        int used;

        int start() {
            return ++used;
        }

        boolean more() {
            return used < policy.attempts();
        }
    }

    Tries tries() {
        return new Tries();
    }

    void answered() {
        answered = true;
    }

    static boolean retryableStatus(int status) {
        return RETRY_STATUS.contains(status);
    }

    /** After an I/O failure: waits and returns when another attempt is worth it, else throws {@code last}. */
    void pauseOrThrow(Tries tries, IOException e, String what, String problem, Supplier<ScafctlException> last) {
        if (tries == null || !tries.more() || !retryable(e)) throw last.get();
        pause(tries, policy.backoff(tries.used), what, problem);
    }

    /**
     * After a 429 or 5xx: waits what the registry asked ({@code Retry-After}) or the backoff, and
     * returns; throws when the attempts are used up or the registry asks for more than the cap.
     */
    void pauseOrThrow(Tries tries, int status, String retryAfter, byte[] errorBody, String what) {
        String problem = status + " " + statusText(status) + RegistryErrors.detail(errorBody);
        Optional<Duration> asked = RetryPolicy.retryAfter(retryAfter, Instant.now());
        if (asked.isPresent() && asked.get().compareTo(policy.maxRetryAfter()) > 0) {
            if (status == 429) throw RegistryErrors.rateLimited(host, what, asked.get(), policy.maxRetryAfter());
            throw RegistryErrors.gaveUp(host, what, problem + ", asking to wait " + RetryPolicy.format(asked.get()), tries.used);
        }
        if (!tries.more()) throw RegistryErrors.gaveUp(host, what, problem, tries.used);
        pause(tries, asked.orElseGet(() -> policy.backoff(tries.used)), what,
                problem + (asked.isPresent() ? ", asking to wait " + RetryPolicy.format(asked.get()) : ""));
    }

    /** The error for a request that failed without an answer. */
    ScafctlException ioFailure(IOException e, String what, int attempts) {
        if (e instanceof Deadline.TooSlowException slow) return RegistryErrors.tooSlow(host, what, slow);
        if (e instanceof StallGuard.StalledException) return RegistryErrors.timedOut(host, what, policy.timeout(), attempts);
        return RegistryErrors.unreachable(host, e, plainHttp);
    }

    /** Worth another attempt: the registry or the network may recover; a wrong name, URL or certificate will not. */
    private boolean retryable(IOException e) {
        if (e instanceof SSLException || e instanceof UnknownHostException) return false;
        // the allowance scales with the size: another attempt at the same pace would fail the same way, only later
        if (e instanceof Deadline.TooSlowException) return false;
        // a first refusal (or connect timeout) is a wrong URL or a registry that is not running, not a hiccup
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) return answered;
        return true;
    }

    private void pause(Tries tries, Duration wait, String what, String problem) {
        listener.onEvent(new Event.Warning("registry " + host + ": " + problem + " during " + what + "; retrying in "
                + RetryPolicy.format(wait) + " (attempt " + (tries.used + 1) + " of " + policy.attempts() + ")"));
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScafctlException("interrupted while waiting to retry registry " + host, null);
        }
    }

    static String reason(IOException e) {
        if (e instanceof HttpTransport.ConnectTimeoutException) return "connection timed out";
        if (e instanceof ConnectException) return "connection refused";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String statusText(int s) {
        return switch (s) {
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }
}
