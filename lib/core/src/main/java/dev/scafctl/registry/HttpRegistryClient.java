package dev.scafctl.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.event.EventListener;
import dev.scafctl.format.Formats;
import dev.scafctl.oci.Digest;
import dev.scafctl.oci.MediaTypes;
import dev.scafctl.oci.Reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link RegistryClient} over an {@link HttpTransport}. Auth follows the registry's challenge: on a 401
 * it fetches a bearer token from the named realm (sending basic credentials when it has some) or
 * answers a basic challenge, and retries once.
 *
 * <p>Credentials go to the registry itself (its scheme, host and port) and to the token realm it
 * names, nowhere else: every request decides from its own URL whether the Authorization header
 * goes with it ({@link #isRegistry}). Every URL the registry hands us (a redirect, an upload
 * session, a next page, a token realm) passes {@link #follow}, which never leaves TLS for plain
 * HTTP; next pages must stay on the registry. Redirects (blob storage on another host) are
 * followed, without credentials.
 *
 * <p>Nothing the registry sends is read unbounded: a blob up to the size its descriptor declares
 * (a larger Content-Length is refused before the body is read), a manifest or listing up to
 * 4 MiB, a token answer up to 1 MiB, an error body up to 64 KiB; and every exchange has a deadline
 * scaled to that size ({@link Deadline}).
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
    /** A token answer is a few KiB (a JWT, its expiry); a megabyte is already no token service. */
    private static final int MAX_TOKEN_BODY = 1024 * 1024;
    /** An error answer is read for its message only. */
    private static final int MAX_ERROR_BODY = 64 * 1024;
    // The target stops at the next '<' too: find() tries each '<', and each would otherwise scan to
    // the next '>' (quadratic in a header of many '<'). A URL holds neither character.
    private static final Pattern NEXT_LINK = Pattern.compile("<([^<>]+)>\\s*;\\s*rel=\"?next\"?");

    private final RegistryOptions options;
    /** The registry's own origin: the only place credentials and next pages go. */
    private final URI base;
    private final CredentialStore store;
    private final HttpTransport http;
    private final RetryPolicy policy;
    private final Retries retries;
    private volatile String authorization;
    private volatile Optional<Credentials> credentials;

    HttpRegistryClient(RegistryOptions options, CredentialStore store, EventListener listener) {
        this.options = options;
        this.base = URI.create(options.baseUrl());
        this.store = store;
        this.policy = options.retry();
        this.retries = new Retries(policy, options.host(), options.plainHttp(), listener);
        // no TLS set-up for a plain-HTTP registry; an https URL it redirects to gets the JDK's default trust
        this.http = new HttpTransport(options.plainHttp() ? null : TlsContexts.forCaFile(options.caFile()), policy);
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
        if (r.status() == 404) return Optional.empty();
        if (r.status() != 200) throw failure(r.status(), what, body);
        Digest actual = Digest.of(body);
        String expected = ref.digest() != null ? ref.digest().toString() : r.header("Docker-Content-Digest");
        if (expected != null && Digest.isValid(expected) && !Digest.parse(expected).equals(actual)) {
            throw RegistryErrors.digestMismatch(host(), what, expected, actual);
        }
        String contentType = r.header("Content-Type");
        String type = contentType == null ? "" : contentType.split(";")[0].trim();
        if (!MediaTypes.isIndex(type) && !MediaTypes.isManifest(type)) {
            JsonNode declared = readJson(body, what).path("mediaType");
            type = declared.isTextual() ? declared.asText() : MediaTypes.IMAGE_MANIFEST;
        }
        return Optional.of(new ManifestBytes(type, actual, body));
    }

    @Override
    public Optional<Digest> manifestDigest(Reference ref) {
        String what = "manifest " + ref;
        Answer a = getSmall("HEAD", url("/v2/" + ref.repository() + "/manifests/" + ref.reference()),
                Map.of("Accept", MediaTypes.acceptManifests()), what);
        if (a.status() == 404) return Optional.empty();
        if (a.status() != 200) throw failure(a.status(), what, new byte[0]);
        String header = a.response().header("Docker-Content-Digest");
        if (header != null && Digest.isValid(header.trim())) return Optional.of(Digest.parse(header.trim()));
        return manifest(ref).map(ManifestBytes::digest);
    }

    @Override
    public void putManifest(Reference ref, String mediaType, byte[] bytes) {
        String what = "upload of manifest " + ref;
        var r = send("PUT", url("/v2/" + ref.repository() + "/manifests/" + ref.reference()),
                HttpTransport.Body.of(bytes), Map.of("Content-Type", mediaType), what, retries.tries());
        byte[] body = readSmall(r, what);
        if (r.status() != 201 && r.status() != 200) throw failure(r.status(), what, body);
    }

    @Override
    public void deleteManifest(Reference repo, Digest digest) {
        String what = repo.withDigest(digest).toString();
        var r = send("DELETE", url("/v2/" + repo.repository() + "/manifests/" + digest),
                null, Map.of(), "deletion of " + what, retries.tries());
        byte[] body = readSmall(r, "deletion of " + what);
        int s = r.status();
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
    public void fetchBlob(Reference repo, Digest digest, long size, OutputStream out, LongConsumer progress) {
        if (size < 0) throw new IllegalArgumentException("a blob's declared size is needed to bound its download");
        String what = "blob " + digest + " of " + repo.repository();
        URI uri = url("/v2/" + repo.repository() + "/blobs/" + digest);
        Retries.Tries tries = retries.tries();
        // one buffer for every attempt; each chunk goes to the caller's sink as it arrives
        byte[] buf = new byte[HttpTransport.CHUNK];
        long written = 0;
        while (true) {
            long from = written;
            var r = send("GET", uri, null, from == 0 ? Map.of() : Map.of("Range", "bytes=" + from + "-"), what, tries);
            int s = r.status();
            String range = r.header("Content-Range");
            boolean resumed = s == 206 && from > 0 && range != null && range.trim().startsWith("bytes " + from + "-");
            if (s != 200 && !resumed) {
                byte[] body = readSmallQuietly(r);
                if (s == 404) throw RegistryErrors.notFound(host(), what);
                throw failure(s, what, body);
            }
            // more than the descriptor declares is the registry's fault, not a hiccup: refused before a byte is
            // read, and not retried
            long owed = resumed ? size - from : size;
            long announced = r.contentLength();
            if (announced > owed) {
                r.abandon();
                throw RegistryErrors.longerThanDeclared(host(), what, size, announced + (resumed ? from : 0));
            }
            boolean done = false;
            try {
                InputStream in = r.body(owed);
                // a 200 starts again at byte 0 (the registry ignores Range): the caller already has the
                // first bytes and hashes all it gets, so they are read past here, never written twice
                if (s == 200 && in.skip(from) < from) throw new IOException("the answer ended before byte " + from);
                // no hashing here: every caller writes through a sink that hashes and compares (one pass, not two).
                // Whatever a read returns is passed on at once, so a cut loses nothing already received and the
                // resume starts after it. One byte more than declared is asked for, so a longer blob is noticed
                // before any excess is stored.
                int n;
                while ((n = in.read(buf, 0, (int) Math.min(buf.length, size - written + 1))) >= 0) {
                    if (written + n > size) throw RegistryErrors.longerThanDeclared(host(), what, size, -1);
                    writeLocally(out, buf, n, what);
                    written += n;
                    progress.accept(written);
                }
                done = true;
                return;
            } catch (IOException e) {
                long got = written;
                r.abandon();
                retries.pauseOrThrow(tries, e, what, "the download broke off after " + got + " bytes (" + Retries.reason(e)
                        + "); resuming from there", () -> e instanceof Deadline.TooSlowException slow
                        ? RegistryErrors.tooSlow(host(), what, slow)
                        : e instanceof StallGuard.StalledException
                        ? RegistryErrors.timedOut(host(), what + " (after " + got + " bytes)", policy.timeout(), tries.used)
                        : RegistryErrors.downloadBroken(host(), what, got, tries.used, e));
            } finally {
                // read to its end, the connection serves the next request; otherwise (a local failure, a blob
                // longer than declared) it is closed rather than drained
                if (done) r.close();
                else r.abandon();
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
        // streamed from disk with its length, so the registry gets Content-Length; read again for each attempt
        HttpTransport.Body body = HttpTransport.Body.of(file, size);
        // a failed session is never resumed (its state on the registry is unknown): each attempt opens a
        // new one, which is safe because a blob is named by its digest and an abandoned session expires
        Retries.Tries tries = retries.tries();
        while (true) {
            var start = send("POST", url("/v2/" + repo.repository() + "/blobs/uploads/"), HttpTransport.Body.of(new byte[0]),
                    Map.of(), what, tries);
            byte[] startBody = readSmall(start, what);
            String location = start.header("Location");
            if (start.status() != 202 || location == null) throw failure(start.status(), what, startBody);
            URI upload = follow(start.uri(), location, "the session of " + what, false);
            String sep = upload.getRawQuery() == null ? "?" : "&";
            URI put = URI.create(upload + sep + "digest=" + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8));
            HttpTransport.Response r;
            try {
                // however long a healthy upload of a large blob takes, the transport ends one the registry stops taking
                r = exchange("PUT", put, body, Map.of("Content-Type", "application/octet-stream"), what, progress);
            } catch (IOException e) {
                retries.pauseOrThrow(tries, e, what, "the upload broke off (" + Retries.reason(e) + "); starting it again",
                        () -> retries.ioFailure(e, what, tries.used));
                continue;
            }
            if (Retries.retryableStatus(r.status())) {
                retries.pauseOrThrow(tries, r.status(), r.header("Retry-After"), readSmallQuietly(r), what);
                continue;
            }
            byte[] resp = readSmall(r, what);
            if (r.status() != 201) throw failure(r.status(), what, resp);
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
            if (r.status() == 404) return List.of();
            if (r.status() != 200) throw failure(r.status(), what, body);
            for (JsonNode t : readJson(body, what).path("tags")) all.add(t.asText());
            next = nextLink(r, what);
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
            int s = r.status();
            if (s == 404 || s == 405 || s == 501 || s == 400) throw RegistryErrors.listingUnsupported(host(), s);
            if (s != 200) throw failure(s, what, body);
            for (JsonNode t : readJson(body, what).path("repositories")) all.add(t.asText());
            next = nextLink(r, what);
        }
        return all;
    }

    /** The next page a listing names (RFC 8288 {@code rel="next"}), on the registry only; relative ones resolve against it. */
    private URI nextLink(HttpTransport.Response r, String what) {
        String target = nextLinkTarget(r.header("Link"));
        return target == null ? null : follow(base, target, "the next page of " + what, true);
    }

    /** The target of the {@code rel="next"} link in a {@code Link} header, or null. */
    static String nextLinkTarget(String link) {
        if (link == null) return null;
        Matcher m = NEXT_LINK.matcher(link);
        return m.find() ? m.group(1) : null;
    }

    /**
     * A URL the registry hands us, resolved against {@code from}: never from https to plain http, and
     * with {@code registryOnly} never off the registry's own scheme, host and port. A refusal names
     * the registry and the URL, and is not retried.
     */
    private URI follow(URI from, String target, String purpose, boolean registryOnly) {
        URI next;
        try {
            next = from.resolve(target.trim());
        } catch (IllegalArgumentException e) {
            throw RegistryErrors.notHttp(host(), purpose, target);
        }
        if (!HttpTransport.isHttp(next)) throw RegistryErrors.notHttp(host(), purpose, target);
        if ("https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
            throw RegistryErrors.leavesTls(host(), purpose, next);
        }
        if (registryOnly && !isRegistry(next)) throw RegistryErrors.offRegistry(host(), purpose, next);
        return next;
    }

    /** The registry's own scheme, host and port (a default port written out or not): where credentials may go. */
    private boolean isRegistry(URI u) {
        return base.getScheme().equalsIgnoreCase(u.getScheme()) && base.getHost() != null
                && base.getHost().equalsIgnoreCase(u.getHost()) && port(base) == port(u);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) return u.getPort();
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private URI url(String path) {
        return URI.create(options.baseUrl() + path);
    }

    /** An answer whose body has been read (and its connection released). */
    private record Answer(HttpTransport.Response response, byte[] body) {
        int status() {
            return response.status();
        }
    }

    /** A request whose answer is small (JSON, a manifest, nothing), retried as a whole, its body included. */
    private Answer getSmall(String method, URI uri, Map<String, String> headers, String what) {
        Retries.Tries tries = retries.tries();
        while (true) {
            var r = send(method, uri, null, headers, what, tries);
            try {
                return new Answer(r, readSmallOrFail(r, MAX_SMALL_BODY, size -> RegistryErrors.tooLarge(host(), what, size, MAX_SMALL_BODY)));
            } catch (IOException e) {
                retries.pauseOrThrow(tries, e, what, "the answer broke off (" + Retries.reason(e) + ")",
                        () -> retries.ioFailure(e, what, tries.used));
            }
        }
    }

    /**
     * Sends a request, retrying what is worth retrying (see the class comment), and fails once the
     * attempts are used up, so callers only see final answers.
     *
     * @param body null for none
     */
    private HttpTransport.Response send(String method, URI uri, HttpTransport.Body body, Map<String, String> headers,
                                        String what, Retries.Tries tries) {
        while (true) {
            int attempt = tries.start();
            HttpTransport.Response r;
            try {
                r = exchange(method, uri, body, headers, what, null);
            } catch (IOException e) {
                retries.pauseOrThrow(tries, e, what, Retries.reason(e), () -> retries.ioFailure(e, what, attempt));
                continue;
            }
            retries.answered();
            if (!Retries.retryableStatus(r.status())) return r;
            retries.pauseOrThrow(tries, r.status(), r.header("Retry-After"), readSmallQuietly(r), what);
        }
    }

    /**
     * One request, answering one auth challenge and following redirects. Each hop decides from its
     * own URL whether credentials go with it: only to the registry ({@link #isRegistry}).
     *
     * @param progress told how many body bytes the registry has taken; may be null
     */
    private HttpTransport.Response exchange(String method, URI uri, HttpTransport.Body body, Map<String, String> headers,
                                            String what, LongConsumer progress) throws IOException {
        URI current = uri;
        boolean challenged = false;
        for (int redirects = 0; ; ) {
            boolean registry = isRegistry(current);
            Map<String, String> h = headers;
            String auth = authorization;
            if (registry && auth != null) {
                h = new java.util.HashMap<>(headers);
                h.put("Authorization", auth);
            }
            HttpTransport.Response r = http.send(method, current, h, body, progress);
            int s = r.status();
            if (s == 401 && registry && !challenged) {
                String challenge = r.header("WWW-Authenticate");
                readSmallQuietly(r);
                challenged = true;
                authorize(Challenge.parse(challenge), what);
                continue;
            }
            String location = r.header("Location");
            if ((s == 301 || s == 302 || s == 303 || s == 307 || s == 308) && location != null
                    && (method.equals("GET") || method.equals("HEAD"))) {
                readSmallQuietly(r);
                if (++redirects > MAX_REDIRECTS) throw RegistryErrors.unexpected(host(), what + " (too many redirects)", s, null);
                current = follow(current, location, what, false);
                continue;
            }
            return r;
        }
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
        // the realm is the one place besides the registry that credentials go (the token protocol sends them
        // there); over TLS when the registry is, and off loopback over plain HTTP only for an --insecure catalog
        URI realm = follow(base, c.params().get("realm") + q, "the token service for " + what, false);
        if (!"https".equalsIgnoreCase(realm.getScheme()) && !RegistryOptions.isLoopback(String.valueOf(realm.getHost()))
                && !options.insecure()) {
            throw new ScafctlException("registry " + host() + " names a token service over plain HTTP (" + realm.getHost() + ")",
                    "credentials are only sent over TLS; mark the catalog --insecure if this is intended");
        }
        HttpTransport.Response r;
        try {
            r = http.send("GET", realm, creds.map(cr -> Map.of("Authorization", cr.basicHeader())).orElse(Map.of()), null, null);
        } catch (IOException e) {
            throw RegistryErrors.unreachable(realm.getAuthority(), e, "http".equalsIgnoreCase(realm.getScheme()));
        }
        String tokenWhat = "a token for " + what;
        byte[] body;
        try {
            body = readSmallOrFail(r, MAX_TOKEN_BODY, size -> RegistryErrors.tokenTooLarge(host(), realm.getAuthority(), size, MAX_TOKEN_BODY));
        } catch (IOException e) {
            throw retries.ioFailure(e, tokenWhat, 1);
        }
        if (r.status() == 401) throw RegistryErrors.unauthorized(host(), what, creds.isPresent());
        if (r.status() == 403) throw RegistryErrors.forbidden(host(), what);
        if (r.status() != 200) throw RegistryErrors.unexpected(host(), tokenWhat, r.status(), null);
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

    private byte[] readSmall(HttpTransport.Response r, String what) {
        try {
            return readSmallOrFail(r, MAX_SMALL_BODY, size -> RegistryErrors.tooLarge(host(), what, size, MAX_SMALL_BODY));
        } catch (IOException e) {
            throw retries.ioFailure(e, what, 1);
        }
    }

    /**
     * Reads at most {@code limit} bytes, refusing more before a byte is stored (from the Content-Length
     * when there is one); releases the answer.
     *
     * @param tooLarge the refusal, given the announced size or -1 when the body just kept coming
     */
    private static byte[] readSmallOrFail(HttpTransport.Response r, int limit, java.util.function.LongFunction<ScafctlException> tooLarge)
            throws IOException {
        long declared = r.method().equals("HEAD") ? -1 : r.contentLength();
        if (declared > limit) {
            r.abandon();
            throw tooLarge.apply(declared);
        }
        boolean done = false;
        try {
            byte[] b = r.body(limit + 1L).readNBytes(limit + 1);
            if (b.length > limit) throw tooLarge.apply(-1);
            done = true;
            return b;
        } finally {
            if (done) r.close();
            else r.abandon();
        }
    }

    /** An error answer's body, for its message only: at most 64 KiB, whatever arrives within the deadline. */
    private static byte[] readSmallQuietly(HttpTransport.Response r) {
        try {
            byte[] b = r.body(MAX_ERROR_BODY).readNBytes(MAX_ERROR_BODY);
            r.close();
            return b;
        } catch (IOException e) {
            r.abandon();
            return new byte[0];
        }
    }

    private JsonNode readJson(byte[] body, String what) {
        try {
            return Formats.json().readTree(body);
        } catch (IOException e) {
            throw RegistryErrors.unexpected(host(), what + " (the answer is not JSON)", 200, null);
        }
    }
}
