package dev.scafctl.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.event.EventListener;
import dev.scafctl.format.Formats;
import dev.scafctl.oci.Digest;
import dev.scafctl.oci.MediaTypes;
import dev.scafctl.oci.Reference;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link RegistryClient} over {@code java.net.http}. Auth follows the registry's challenge: on a 401
 * it fetches a bearer token from the named realm (sending basic credentials when it has some) or
 * answers a basic challenge, and retries once. Redirects are followed by hand so the Authorization
 * header is dropped when a redirect leaves the registry's host (blob storage on another host).
 *
 * <p>Idempotent requests are retried under the {@link RetryPolicy}: on 500/502/503/504 and 429
 * (honouring {@code Retry-After}), on a connection reset or a body cut short, on a registry that
 * stays silent, and on a refused connection once the registry has answered before (a first refusal
 * is a wrong URL, not a hiccup). All requests of one operation share its attempts. A blob download
 * that breaks off resumes with a {@code Range} request from the bytes already passed on, so the
 * caller's hashing stream sees every byte exactly once.
 */
final class HttpRegistryClient implements RegistryClient {
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_SMALL_BODY = 4 * 1024 * 1024;
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final RegistryOptions options;
    private final CredentialStore store;
    private final HttpClient http;
    private final RetryPolicy policy;
    private final Retries retries;
    private volatile String authorization;
    private volatile Optional<Credentials> credentials;

    HttpRegistryClient(RegistryOptions options, CredentialStore store, EventListener listener) {
        this.options = options;
        this.store = store;
        this.policy = options.retry();
        this.retries = new Retries(policy, options.host(), options.plainHttp(), listener);
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(policy.timeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (options.plainHttp()) {
            // plain HTTP/1.1: no h2c upgrade dance, which some registries mishandle
            b.version(HttpClient.Version.HTTP_1_1);
        } else {
            b.sslContext(TlsContexts.forCaFile(options.caFile()));
        }
        this.http = b.build();
    }

    @Override
    public String host() {
        return options.host();
    }

    @Override
    public void ping() {
        Answer a = getSmall("GET", url("/v2/"), Map.of(), "access");
        if (a.status() != 200) throw failure(a.status(), "access", a.body());
    }

    @Override
    public Optional<ManifestBytes> manifest(Reference ref) {
        String what = "manifest " + ref;
        Answer a = getSmall("GET", url("/v2/" + ref.repository() + "/manifests/" + ref.reference()),
                Map.of("Accept", MediaTypes.acceptManifests()), what);
        var r = a.response();
        byte[] body = a.body();
        if (r.statusCode() == 404) return Optional.empty();
        if (r.statusCode() != 200) throw failure(r.statusCode(), what, body);
        Digest actual = Digest.of(body);
        String expected = ref.digest() != null ? ref.digest().toString()
                : r.headers().firstValue("Docker-Content-Digest").orElse(null);
        if (expected != null && Digest.isValid(expected) && !Digest.parse(expected).equals(actual)) {
            throw RegistryErrors.digestMismatch(host(), what, expected, actual);
        }
        String type = r.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim()).orElse("");
        if (!MediaTypes.isIndex(type) && !MediaTypes.isManifest(type)) {
            JsonNode declared = readJson(body, what).path("mediaType");
            type = declared.isTextual() ? declared.asText() : MediaTypes.IMAGE_MANIFEST;
        }
        return Optional.of(new ManifestBytes(type, actual, body));
    }

    @Override
    public void putManifest(Reference ref, String mediaType, byte[] bytes) {
        String what = "upload of manifest " + ref;
        var r = send("PUT", url("/v2/" + ref.repository() + "/manifests/" + ref.reference()),
                HttpRequest.BodyPublishers.ofByteArray(bytes), Map.of("Content-Type", mediaType), what, policy.timeout(), retries.tries());
        byte[] body = readSmall(r, what);
        if (r.statusCode() != 201 && r.statusCode() != 200) throw failure(r.statusCode(), what, body);
    }

    @Override
    public void deleteManifest(Reference repo, Digest digest) {
        String what = repo.withDigest(digest).toString();
        var r = send("DELETE", url("/v2/" + repo.repository() + "/manifests/" + digest),
                HttpRequest.BodyPublishers.noBody(), Map.of(), "deletion of " + what, policy.timeout(), retries.tries());
        byte[] body = readSmall(r, "deletion of " + what);
        int s = r.statusCode();
        if (s == 202 || s == 200 || s == 204) return;
        if (s == 404) throw RegistryErrors.notFound(host(), what);
        if (s == 405 || s == 400 && new String(body, StandardCharsets.UTF_8).contains("UNSUPPORTED")) {
            throw RegistryErrors.deleteRefused(host(), what, s, body);
        }
        throw failure(s, "deletion of " + what, body);
    }

    @Override
    public boolean hasBlob(Reference repo, Digest digest) {
        String what = "blob " + digest + " in " + repo.repository();
        Answer a = getSmall("HEAD", url("/v2/" + repo.repository() + "/blobs/" + digest), Map.of(), what);
        if (a.status() == 200) return true;
        if (a.status() == 404) return false;
        throw failure(a.status(), what, new byte[0]);
    }

    @Override
    public void fetchBlob(Reference repo, Digest digest, OutputStream out, LongConsumer progress) {
        String what = "blob " + digest + " of " + repo.repository();
        URI uri = url("/v2/" + repo.repository() + "/blobs/" + digest);
        Retries.Tries tries = retries.tries();
        long written = 0;
        while (true) {
            long from = written;
            var r = send("GET", uri, HttpRequest.BodyPublishers.noBody(),
                    from == 0 ? Map.of() : Map.of("Range", "bytes=" + from + "-"), what, policy.timeout(), tries);
            int s = r.statusCode();
            boolean resumed = s == 206 && from > 0 && r.headers().firstValue("Content-Range")
                    .map(v -> v.trim().startsWith("bytes " + from + "-")).orElse(false);
            if (s != 200 && !resumed) {
                byte[] body = readSmall(r, what);
                if (s == 404) throw RegistryErrors.notFound(host(), what);
                throw failure(s, what, body);
            }
            InputStream in = new StallGuard(r.body(), policy.timeout());
            try {
                // a 200 starts again at byte 0 (the registry ignores Range): the caller already has the
                // first bytes and hashes all it gets, so they are read past here, never written twice
                if (s == 200 && in.skip(from) < from) throw new IOException("the answer ended before byte " + from);
                // no hashing here: every caller writes through a sink that hashes and compares (one pass, not two)
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    writeLocally(out, buf, n, what);
                    written += n;
                    progress.accept(written);
                }
                return;
            } catch (IOException e) {
                long got = written;
                retries.pauseOrThrow(tries, e, what, "the download broke off after " + got + " bytes (" + Retries.reason(e)
                        + "); resuming from there", () -> e instanceof StallGuard.StalledException
                        ? RegistryErrors.timedOut(host(), what + " (after " + got + " bytes)", policy.timeout(), tries.used)
                        : RegistryErrors.downloadBroken(host(), what, got, tries.used, e));
            } finally {
                closeQuietly(in);
            }
        }
    }

    private static void writeLocally(OutputStream out, byte[] buf, int n, String what) {
        try {
            out.write(buf, 0, n);
        } catch (IOException e) {
            // a local failure (a full disk) is not the registry's, and retrying would not help
            throw new ScafctlException("cannot store " + what + " locally: " + e.getMessage(),
                    "check free space and permissions of the cache and data directories");
        }
    }

    @Override
    public void pushBlob(Reference repo, Digest digest, Path file, LongConsumer progress) {
        if (hasBlob(repo, digest)) return;
        String what = "upload of blob " + digest + " to " + repo.repository();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ScafctlException("cannot read " + file + ": " + e.getMessage(), "check the local catalog");
        }
        // a counting stream for progress, published with its length so the registry gets Content-Length;
        // the supplier opens the file again for each attempt
        // the upload's own clock: it moves whenever the registry takes more bytes, so a registry that
        // stops reading is noticed, however long a healthy upload of a large blob takes
        AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        LongConsumer watched = n -> {
            lastActivity.set(System.nanoTime());
            progress.accept(n);
        };
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> counting(file, watched)), size);
        // a failed session is never resumed (its state on the registry is unknown): each attempt opens a
        // new one, which is safe because a blob is named by its digest and an abandoned session expires
        Retries.Tries tries = retries.tries();
        while (true) {
            var start = send("POST", url("/v2/" + repo.repository() + "/blobs/uploads/"),
                    HttpRequest.BodyPublishers.noBody(), Map.of(), what, policy.timeout(), tries);
            byte[] startBody = readSmall(start, what);
            String location = start.headers().firstValue("Location").orElse(null);
            if (start.statusCode() != 202 || location == null) throw failure(start.statusCode(), what, startBody);
            URI upload = start.uri().resolve(location);
            String sep = upload.getRawQuery() == null ? "?" : "&";
            URI put = URI.create(upload + sep + "digest=" + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8));
            HttpResponse<InputStream> r;
            try {
                // no request timeout: java.net.http counts the whole upload against it, and a large blob on a
                // slow link takes long; the upload's inactivity is watched instead
                lastActivity.set(System.nanoTime());
                r = exchange("PUT", put, body, Map.of("Content-Type", "application/octet-stream"), what, null, lastActivity);
            } catch (IOException e) {
                retries.pauseOrThrow(tries, e, what, "the upload broke off (" + Retries.reason(e) + "); starting it again",
                        () -> e instanceof StallGuard.StalledException
                                ? RegistryErrors.timedOut(host(), what, policy.timeout(), tries.used)
                                : retries.ioFailure(e, what, tries.used));
                continue;
            }
            if (Retries.retryableStatus(r.statusCode())) {
                retries.pauseOrThrow(tries, r.statusCode(), r.headers().firstValue("Retry-After").orElse(null),
                        readSmallQuietly(r), what);
                continue;
            }
            byte[] resp = readSmall(r, what);
            if (r.statusCode() != 201) throw failure(r.statusCode(), what, resp);
            return;
        }
    }

    @Override
    public List<String> tags(Reference repo) {
        String what = "the tags of " + repo.repository();
        List<String> all = new ArrayList<>();
        URI next = url("/v2/" + repo.repository() + "/tags/list?n=1000");
        while (next != null) {
            Answer a = getSmall("GET", next, Map.of(), what);
            var r = a.response();
            byte[] body = a.body();
            if (r.statusCode() == 404) return List.of();
            if (r.statusCode() != 200) throw failure(r.statusCode(), what, body);
            for (JsonNode t : readJson(body, what).path("tags")) all.add(t.asText());
            next = nextLink(r);
        }
        return all;
    }

    @Override
    public List<String> repositories() {
        String what = "the repository listing";
        List<String> all = new ArrayList<>();
        URI next = url("/v2/_catalog?n=1000");
        while (next != null) {
            Answer a = getSmall("GET", next, Map.of(), what);
            var r = a.response();
            byte[] body = a.body();
            int s = r.statusCode();
            if (s == 404 || s == 405 || s == 501 || s == 400) throw RegistryErrors.listingUnsupported(host(), s);
            if (s != 200) throw failure(s, what, body);
            for (JsonNode t : readJson(body, what).path("repositories")) all.add(t.asText());
            next = nextLink(r);
        }
        return all;
    }

    private URI nextLink(HttpResponse<?> r) {
        return r.headers().firstValue("Link").map(l -> {
            Matcher m = NEXT_LINK.matcher(l);
            return m.find() ? r.uri().resolve(m.group(1)) : null;
        }).orElse(null);
    }

    private URI url(String path) {
        return URI.create(options.baseUrl() + path);
    }

    private record Answer(HttpResponse<InputStream> response, byte[] body) {
        int status() {
            return response.statusCode();
        }
    }

    /** A request whose answer is small (JSON, a manifest, nothing), retried as a whole, its body included. */
    private Answer getSmall(String method, URI uri, Map<String, String> headers, String what) {
        Retries.Tries tries = retries.tries();
        while (true) {
            var r = send(method, uri, HttpRequest.BodyPublishers.noBody(), headers, what, policy.timeout(), tries);
            try {
                return new Answer(r, readSmallOrFail(r, what));
            } catch (IOException e) {
                retries.pauseOrThrow(tries, e, what, "the answer broke off (" + Retries.reason(e) + ")",
                        () -> retries.ioFailure(e, what, tries.used));
            }
        }
    }

    /**
     * Sends a request; with {@code tries}, retries what is worth retrying (see the class comment) and
     * fails once the attempts are used up, so callers only see final answers.
     */
    private HttpResponse<InputStream> send(String method, URI uri, HttpRequest.BodyPublisher body,
                                           Map<String, String> headers, String what, Duration timeout, Retries.Tries tries) {
        while (true) {
            int attempt = tries == null ? 1 : tries.start();
            HttpResponse<InputStream> r;
            try {
                r = exchange(method, uri, body, headers, what, timeout);
            } catch (IOException e) {
                retries.pauseOrThrow(tries, e, what, Retries.reason(e), () -> retries.ioFailure(e, what, attempt));
                continue;
            }
            retries.answered();
            if (tries == null || !Retries.retryableStatus(r.statusCode())) return r;
            retries.pauseOrThrow(tries, r.statusCode(), r.headers().firstValue("Retry-After").orElse(null), readSmallQuietly(r), what);
        }
    }

    /**
     * One request, answering one auth challenge and following redirects. Credentials go only to
     * the registry's own host (and to the token realm it names).
     */
    private HttpResponse<InputStream> exchange(String method, URI uri, HttpRequest.BodyPublisher body,
                                               Map<String, String> headers, String what, Duration timeout) throws IOException {
        return exchange(method, uri, body, headers, what, timeout, null);
    }

    /** @param activity when not null, the request fails once this clock has not moved for the policy's timeout */
    private HttpResponse<InputStream> exchange(String method, URI uri, HttpRequest.BodyPublisher body,
                                               Map<String, String> headers, String what, Duration timeout,
                                               AtomicLong activity) throws IOException {
        URI current = uri;
        boolean sameHost = true;
        boolean challenged = false;
        for (int redirects = 0; ; ) {
            HttpRequest.Builder b = HttpRequest.newBuilder(current).method(method, body);
            headers.forEach(b::header);
            if (timeout != null) b.timeout(timeout);
            String auth = authorization;
            if (sameHost && auth != null) b.header("Authorization", auth);
            HttpResponse<InputStream> r;
            try {
                r = activity == null ? http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream())
                        : sendWatched(b.build(), activity);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScafctlException("interrupted while talking to registry " + host(), null);
            }
            int s = r.statusCode();
            if (s == 401 && sameHost && !challenged) {
                readSmall(r, what);
                challenged = true;
                authorize(Challenge.parse(r.headers().firstValue("WWW-Authenticate").orElse(null)), what);
                continue;
            }
            if ((s == 301 || s == 302 || s == 303 || s == 307 || s == 308) && r.headers().firstValue("Location").isPresent()
                    && (method.equals("GET") || method.equals("HEAD"))) {
                readSmall(r, what);
                if (++redirects > MAX_REDIRECTS) throw RegistryErrors.unexpected(host(), what + " (too many redirects)", s, null);
                URI next = current.resolve(r.headers().firstValue("Location").get());
                sameHost = sameHost && sameAuthority(uri, next);
                current = next;
                continue;
            }
            return r;
        }
    }

    private static boolean sameAuthority(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getAuthority() != null
                && a.getAuthority().equalsIgnoreCase(b.getAuthority());
    }

    private Optional<Credentials> credentials() {
        if (credentials == null) credentials = store == null ? Optional.empty() : store.find(host());
        return credentials;
    }

    /** Sets {@link #authorization} for the challenge, or fails naming what needs login. */
    private void authorize(Challenge c, String what) {
        Optional<Credentials> creds = credentials();
        if (c.isBasic()) {
            if (creds.isEmpty()) throw RegistryErrors.unauthorized(host(), what, false);
            authorization = creds.get().basicHeader();
            return;
        }
        if (!c.isBearer()) throw RegistryErrors.unauthorized(host(), what, creds.isPresent());
        StringBuilder q = new StringBuilder();
        for (String k : new String[]{"service", "scope"}) {
            String v = c.params().get(k);
            if (v != null) q.append(q.length() == 0 ? "?" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        }
        URI realm;
        try {
            realm = URI.create(c.params().get("realm") + q);
        } catch (IllegalArgumentException e) {
            throw RegistryErrors.unexpected(host(), what + " (its token realm is not a URL)", 401, null);
        }
        if (!"https".equalsIgnoreCase(realm.getScheme()) && !RegistryOptions.isLoopback(String.valueOf(realm.getHost()))
                && !options.insecure()) {
            throw new ScafctlException("registry " + host() + " names a token service over plain HTTP (" + realm.getHost() + ")",
                    "credentials are only sent over TLS; mark the catalog --insecure if this is intended");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(realm).GET().timeout(policy.timeout());
        creds.ifPresent(cr -> b.header("Authorization", cr.basicHeader()));
        HttpResponse<InputStream> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw RegistryErrors.unreachable(realm.getAuthority(), e, "http".equalsIgnoreCase(realm.getScheme()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScafctlException("interrupted while logging in to registry " + host(), null);
        }
        byte[] body = readSmall(r, "a token for " + what);
        if (r.statusCode() == 401) throw RegistryErrors.unauthorized(host(), what, creds.isPresent());
        if (r.statusCode() == 403) throw RegistryErrors.forbidden(host(), what);
        if (r.statusCode() != 200) throw RegistryErrors.unexpected(host(), "a token for " + what, r.statusCode(), null);
        JsonNode n = readJson(body, "the token response");
        String token = n.path("token").asText(n.path("access_token").asText(""));
        if (token.isEmpty()) throw RegistryErrors.unexpected(host(), "a token for " + what + " (no token in the answer)", 200, null);
        authorization = "Bearer " + token;
    }

    private ScafctlException failure(int status, String what, byte[] body) {
        if (status == 401) return RegistryErrors.unauthorized(host(), what, credentials().isPresent());
        if (status == 403) return RegistryErrors.forbidden(host(), what);
        if (status == 404) return RegistryErrors.notFound(host(), what);
        return RegistryErrors.unexpected(host(), what, status, body);
    }

    /**
     * Sends while watching {@code activity}: when it has not moved for the policy's timeout (the
     * registry stopped taking the body, or never answers once it has it), the exchange is
     * cancelled and a {@link StallGuard.StalledException} thrown, so the caller retries or reports.
     */
    private HttpResponse<InputStream> sendWatched(HttpRequest request, AtomicLong activity)
            throws IOException, InterruptedException {
        var future = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        long limit = policy.timeout().toNanos();
        long poll = Math.max(10, Math.min(500, policy.timeout().toMillis() / 4));
        while (true) {
            try {
                return future.get(poll, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() - activity.get() > limit) {
                    future.cancel(true);
                    throw new StallGuard.StalledException(policy.timeout());
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof IOException io) throw io;
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new IOException(e.getCause());
            }
        }
    }

    private byte[] readSmall(HttpResponse<InputStream> r, String what) {
        try {
            return readSmallOrFail(r, what);
        } catch (IOException e) {
            throw retries.ioFailure(e, what, 1);
        }
    }

    /** Reads at most 4 MiB (the OCI limit for manifests), refusing more before a byte is stored. */
    private byte[] readSmallOrFail(HttpResponse<InputStream> r, String what) throws IOException {
        long declared = r.request().method().equals("HEAD") ? -1 : r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > MAX_SMALL_BODY) {
            closeQuietly(r.body());
            throw RegistryErrors.tooLarge(host(), what, declared, MAX_SMALL_BODY);
        }
        try (InputStream in = new StallGuard(r.body(), policy.timeout())) {
            byte[] b = in.readNBytes(MAX_SMALL_BODY + 1);
            if (b.length > MAX_SMALL_BODY) throw RegistryErrors.tooLarge(host(), what, -1, MAX_SMALL_BODY);
            return b;
        }
    }

    /** An error answer's body, for its message only: whatever arrives within the timeout. */
    private byte[] readSmallQuietly(HttpResponse<InputStream> r) {
        try (InputStream in = new StallGuard(r.body(), policy.timeout())) {
            return in.readNBytes(64 * 1024);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the answer is abandoned either way
        }
    }

    private JsonNode readJson(byte[] body, String what) {
        try {
            return Formats.json().readTree(body);
        } catch (IOException e) {
            throw RegistryErrors.unexpected(host(), what + " (the answer is not JSON)", 200, null);
        }
    }

    private static InputStream counting(Path file, LongConsumer progress) {
        try {
            return new FilterInputStream(Files.newInputStream(file)) {
                private long done;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) progress.accept(done += n);
                    return n;
                }
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
