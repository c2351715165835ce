package dev.scafctl.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scafctl.error.ScafctlException;
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
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link RegistryClient} over {@code java.net.http}. Auth follows the registry's challenge: on a 401
 * it fetches a bearer token from the named realm (sending basic credentials when it has some) or
 * answers a basic challenge, and retries once. Redirects are followed by hand so the Authorization
 * header is dropped when a redirect leaves the registry's host (blob storage on another host).
 */
final class HttpRegistryClient implements RegistryClient {
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_SMALL_BODY = 4 * 1024 * 1024;
    private static final Duration SMALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final RegistryOptions options;
    private final CredentialStore store;
    private final HttpClient http;
    private volatile String authorization;
    private volatile Optional<Credentials> credentials;

    HttpRegistryClient(RegistryOptions options, CredentialStore store) {
        this.options = options;
        this.store = store;
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(30))
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
        var r = send("GET", url("/v2/"), HttpRequest.BodyPublishers.noBody(), Map.of(), "access", SMALL_TIMEOUT);
        byte[] body = readSmall(r);
        if (r.statusCode() != 200) throw failure(r.statusCode(), "access", body);
    }

    @Override
    public Optional<ManifestBytes> manifest(Reference ref) {
        String what = "manifest " + ref;
        var r = send("GET", url("/v2/" + ref.repository() + "/manifests/" + ref.reference()),
                HttpRequest.BodyPublishers.noBody(), Map.of("Accept", MediaTypes.acceptManifests()), what, SMALL_TIMEOUT);
        byte[] body = readSmall(r);
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
                HttpRequest.BodyPublishers.ofByteArray(bytes), Map.of("Content-Type", mediaType), what, SMALL_TIMEOUT);
        byte[] body = readSmall(r);
        if (r.statusCode() != 201 && r.statusCode() != 200) throw failure(r.statusCode(), what, body);
    }

    @Override
    public void deleteManifest(Reference repo, Digest digest) {
        String what = repo.withDigest(digest).toString();
        var r = send("DELETE", url("/v2/" + repo.repository() + "/manifests/" + digest),
                HttpRequest.BodyPublishers.noBody(), Map.of(), "deletion of " + what, SMALL_TIMEOUT);
        byte[] body = readSmall(r);
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
        var r = send("HEAD", url("/v2/" + repo.repository() + "/blobs/" + digest),
                HttpRequest.BodyPublishers.noBody(), Map.of(), what, SMALL_TIMEOUT);
        readSmall(r);
        if (r.statusCode() == 200) return true;
        if (r.statusCode() == 404) return false;
        throw failure(r.statusCode(), what, new byte[0]);
    }

    @Override
    public void fetchBlob(Reference repo, Digest digest, OutputStream out, LongConsumer progress) {
        String what = "blob " + digest + " of " + repo.repository();
        var r = send("GET", url("/v2/" + repo.repository() + "/blobs/" + digest),
                HttpRequest.BodyPublishers.noBody(), Map.of(), what, null);
        if (r.statusCode() != 200) {
            byte[] body = readSmall(r);
            if (r.statusCode() == 404) throw RegistryErrors.notFound(host(), what);
            throw failure(r.statusCode(), what, body);
        }
        // no hashing here: every caller writes through a sink that hashes and compares (one pass, not two)
        try (InputStream in = r.body()) {
            byte[] buf = new byte[1 << 16];
            long done = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                done += n;
                progress.accept(done);
            }
        } catch (IOException e) {
            throw RegistryErrors.unreachable(host(), e, options.plainHttp());
        }
    }

    @Override
    public void pushBlob(Reference repo, Digest digest, Path file, LongConsumer progress) {
        if (hasBlob(repo, digest)) return;
        String what = "upload of blob " + digest + " to " + repo.repository();
        var start = send("POST", url("/v2/" + repo.repository() + "/blobs/uploads/"),
                HttpRequest.BodyPublishers.noBody(), Map.of(), what, SMALL_TIMEOUT);
        byte[] startBody = readSmall(start);
        String location = start.headers().firstValue("Location").orElse(null);
        if (start.statusCode() != 202 || location == null) throw failure(start.statusCode(), what, startBody);
        URI upload = start.uri().resolve(location);
        String sep = upload.getRawQuery() == null ? "?" : "&";
        URI put = URI.create(upload + sep + "digest=" + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8));
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ScafctlException("cannot read " + file + ": " + e.getMessage(), "check the local catalog");
        }
        // a counting stream for progress, published with its length so the registry gets Content-Length
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> counting(file, progress)), size);
        var r = send("PUT", put, body, Map.of("Content-Type", "application/octet-stream"), what, null);
        byte[] resp = readSmall(r);
        if (r.statusCode() != 201) throw failure(r.statusCode(), what, resp);
    }

    @Override
    public List<String> tags(Reference repo) {
        String what = "the tags of " + repo.repository();
        List<String> all = new ArrayList<>();
        URI next = url("/v2/" + repo.repository() + "/tags/list?n=1000");
        while (next != null) {
            var r = send("GET", next, HttpRequest.BodyPublishers.noBody(), Map.of(), what, SMALL_TIMEOUT);
            byte[] body = readSmall(r);
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
            var r = send("GET", next, HttpRequest.BodyPublishers.noBody(), Map.of(), what, SMALL_TIMEOUT);
            byte[] body = readSmall(r);
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

    /**
     * Sends a request, answering one auth challenge and following redirects. Credentials go only to
     * the registry's own host (and to the token realm it names).
     */
    private HttpResponse<InputStream> send(String method, URI uri, HttpRequest.BodyPublisher body,
                                           Map<String, String> headers, String what, Duration timeout) {
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
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw RegistryErrors.unreachable(host(), e, options.plainHttp());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScafctlException("interrupted while talking to registry " + host(), null);
            }
            int s = r.statusCode();
            if (s == 401 && sameHost && !challenged) {
                readSmall(r);
                challenged = true;
                authorize(Challenge.parse(r.headers().firstValue("WWW-Authenticate").orElse(null)), what);
                continue;
            }
            if ((s == 301 || s == 302 || s == 303 || s == 307 || s == 308) && r.headers().firstValue("Location").isPresent()
                    && (method.equals("GET") || method.equals("HEAD"))) {
                readSmall(r);
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
        HttpRequest.Builder b = HttpRequest.newBuilder(realm).GET().timeout(SMALL_TIMEOUT);
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
        byte[] body = readSmall(r);
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

    private byte[] readSmall(HttpResponse<InputStream> r) {
        try (InputStream in = r.body()) {
            byte[] b = in.readNBytes(MAX_SMALL_BODY + 1);
            if (b.length > MAX_SMALL_BODY) {
                throw RegistryErrors.unexpected(host(), "a request (the answer is larger than 4 MiB)", r.statusCode(), null);
            }
            return b;
        } catch (IOException e) {
            throw RegistryErrors.unreachable(host(), e, options.plainHttp());
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
