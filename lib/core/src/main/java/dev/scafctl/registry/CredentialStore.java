package dev.scafctl.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scafctl.error.ScafctlException;
import dev.scafctl.format.Formats;
import dev.scafctl.io.AtomicFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds credentials for a registry host: first scafctl's own file ({@code credentials.json} in the
 * config directory, written by {@code catalog login}, mode 0600), then docker's {@code config.json}
 * ({@code credHelpers}, {@code auths}, {@code credsStore}). Secrets never leave this class except
 * inside {@link Credentials}, and no message built here contains one.
 */
public final class CredentialStore {
    private final Path ownFile;
    private final Path dockerConfig;
    private final String fixedHost;
    private final Credentials fixed;

    public CredentialStore(Path ownFile, Path dockerConfig) {
        this(ownFile, dockerConfig, null, null);
    }

    private CredentialStore(Path ownFile, Path dockerConfig, String fixedHost, Credentials fixed) {
        this.ownFile = ownFile;
        this.dockerConfig = dockerConfig;
        this.fixedHost = fixedHost;
        this.fixed = fixed;
    }

    /** Only these credentials, for this host: what {@code catalog login} checks before saving them. */
    public static CredentialStore fixed(String host, Credentials credentials) {
        return new CredentialStore(null, null, host, credentials);
    }

    /** scafctl's file under {@code configDir}; docker's from {@code $DOCKER_CONFIG} or {@code ~/.docker}. */
    public static CredentialStore standard(Path configDir) {
        String dc = System.getenv("DOCKER_CONFIG");
        Path docker = dc != null && !dc.isBlank() ? Path.of(dc, "config.json")
                : Path.of(System.getProperty("user.home"), ".docker", "config.json");
        return new CredentialStore(configDir.resolve("credentials.json"), docker);
    }

    public Path ownFile() {
        return ownFile;
    }

    public Optional<Credentials> find(String host) {
        if (fixed != null) return host.equals(fixedHost) ? Optional.of(fixed) : Optional.empty();
        Optional<Credentials> own = fromAuths(read(ownFile), host);
        if (own.isPresent()) return own;
        JsonNode docker = read(dockerConfig);
        if (docker == null) return Optional.empty();
        String helper = helperFor(docker.path("credHelpers"), host);
        if (helper != null) return fromHelper(helper, host);
        Optional<Credentials> inline = fromAuths(docker, host);
        if (inline.isPresent()) return inline;
        String store = docker.path("credsStore").asText("");
        return store.isBlank() ? Optional.empty() : fromHelper(store, host);
    }

    /** Saves credentials for {@code host} in scafctl's file (0600), replacing earlier ones. */
    public void save(String host, Credentials c) {
        JsonNode existing = read(ownFile);
        ObjectNode root = existing instanceof ObjectNode o ? o : Formats.json().createObjectNode();
        ObjectNode auths = root.path("auths") instanceof ObjectNode a ? a : root.putObject("auths");
        auths.putObject(host).put("auth", c.toAuthField());
        write(root);
    }

    /** Forgets {@code host}; true when scafctl's file had credentials for it. */
    public boolean remove(String host) {
        JsonNode existing = read(ownFile);
        if (!(existing instanceof ObjectNode root) || !(root.path("auths") instanceof ObjectNode auths)) return false;
        boolean had = auths.remove(host) != null;
        if (had) write(root);
        return had;
    }

    private void write(ObjectNode root) {
        try {
            AtomicFiles.write(ownFile, Formats.toPrettyJson(root).getBytes(StandardCharsets.UTF_8), AtomicFiles.OWNER_ONLY);
        } catch (IOException e) {
            throw new ScafctlException("cannot write " + ownFile + ": " + e.getMessage(),
                    "check that the config directory is writable");
        }
    }

    private static JsonNode read(Path file) {
        if (file == null || !Files.isRegularFile(file)) return null;
        try {
            return Formats.json().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            // an unreadable credentials file means "no credentials"; the registry's 401 says what to do
            return null;
        }
    }

    private static Optional<Credentials> fromAuths(JsonNode root, String host) {
        if (root == null) return Optional.empty();
        for (Map.Entry<String, JsonNode> e : root.path("auths").properties()) {
            if (!normalize(e.getKey()).equals(host)) continue;
            JsonNode v = e.getValue();
            if (v.path("auth").isTextual() && !v.path("auth").asText().isBlank()) {
                Credentials c = Credentials.fromAuthField(v.path("auth").asText());
                if (c != null) return Optional.of(c);
            }
            if (v.path("username").isTextual() && v.path("password").isTextual()) {
                return Optional.of(new Credentials(v.path("username").asText(), v.path("password").asText()));
            }
        }
        return Optional.empty();
    }

    private static String helperFor(JsonNode helpers, String host) {
        for (Map.Entry<String, JsonNode> e : helpers.properties()) {
            if (normalize(e.getKey()).equals(host)) return e.getValue().asText();
        }
        return null;
    }

    /** docker keys may be {@code https://host/v1/}, {@code http://host} or a bare host. */
    static String normalize(String key) {
        String k = key.trim();
        int scheme = k.indexOf("://");
        if (scheme >= 0) k = k.substring(scheme + 3);
        int slash = k.indexOf('/');
        if (slash >= 0) k = k.substring(0, slash);
        return k.toLowerCase(java.util.Locale.ROOT);
    }

    private static Optional<Credentials> fromHelper(String helper, String host) {
        if (!helper.matches("[A-Za-z0-9._-]+")) return Optional.empty();
        String program = "docker-credential-" + helper;
        try {
            Process p = new ProcessBuilder(program, "get").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(host.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = p.getInputStream().readNBytes(64 * 1024);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ScafctlException("credential helper " + program + " did not answer within 30 s",
                        "check the helper, or log in with 'scafctl catalog login " + host + "'");
            }
            // a helper exits non-zero for "no credentials for this host", which is not an error here
            if (p.exitValue() != 0) return Optional.empty();
            JsonNode n = Formats.json().readTree(out);
            String user = n.path("Username").asText("");
            String secret = n.path("Secret").asText("");
            return secret.isEmpty() ? Optional.empty() : Optional.of(new Credentials(user, secret));
        } catch (IOException e) {
            throw new ScafctlException("docker's config names the credential helper " + program
                    + ", which cannot be run", "install " + program + ", or log in with 'scafctl catalog login " + host + "'");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
