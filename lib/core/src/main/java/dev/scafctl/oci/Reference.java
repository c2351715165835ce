package dev.scafctl.oci;

import dev.scafctl.error.InvalidInputException;

import java.util.regex.Pattern;

/**
 * A registry reference, parsed once: {@code host[:port]/path[:tag|@version|@sha256:...]}.
 * {@code @version} and {@code :tag} both name a tag; a semver {@code +} becomes {@code _} in the tag.
 *
 * @param registry   {@code host[:port]}
 * @param repository the path below the registry; may be empty for a catalog URL naming a whole registry
 * @param tag        the tag, or null
 * @param digest     the digest, or null
 */
public record Reference(String registry, String repository, String tag, Digest digest) {
    /**
     * Longest {@code host[:port]/repository}: the OCI distribution spec notes that many clients
     * allow 255. Checked before the patterns, whose repeated groups overflow the stack on long text.
     */
    public static final int MAX_REPOSITORY_LENGTH = 255;
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

    /** Parses a full artifact reference; it must name a registry and a repository. */
    public static Reference parse(String text) {
        String t = stripScheme(require(text));
        int slash = t.lastIndexOf('/');
        String last = slash < 0 ? t : t.substring(slash + 1);
        String head = slash < 0 ? "" : t.substring(0, slash + 1);
        String tag = null;
        Digest digest = null;
        int at = last.indexOf('@');
        if (at >= 0) {
            String after = last.substring(at + 1);
            last = last.substring(0, at);
            if (after.isEmpty()) throw invalid(text, "nothing after '@'");
            if (after.startsWith("sha256:")) {
                if (!Digest.isValid(after)) throw invalid(text, "invalid digest '" + after + "'");
                digest = Digest.parse(after);
            } else {
                tag = Tags.fromVersion(after);
            }
        } else {
            int colon = last.lastIndexOf(':');
            if (colon >= 0) {
                String after = last.substring(colon + 1);
                last = last.substring(0, colon);
                if (after.contains("+")) {
                    throw invalid(text, "a ':tag' cannot hold '+'; write the version with '@' (name@1.2.3+build) or use '_'");
                }
                if (!Tags.TAG.matcher(after).matches()) throw invalid(text, "invalid tag '" + after + "'");
                tag = after;
            }
        }
        Reference repo = parseRepository(head + last, text);
        if (repo.repository().isEmpty()) throw invalid(text, "it names a registry but no repository");
        return new Reference(repo.registry(), repo.repository(), tag, digest);
    }

    /** Parses a catalog URL, {@code host[:port][/path]}: a registry and a repository prefix, no tag. */
    public static Reference parseCatalogUrl(String text) {
        String t = stripScheme(require(text));
        while (t.endsWith("/")) t = t.substring(0, t.length() - 1);
        if (t.contains("@")) throw invalid(text, "a catalog URL names no version; drop the '@...'");
        return parseRepository(t, text);
    }

    /** True when {@code text} starts with something that can only be a registry host. */
    public static boolean looksLikeRegistry(String text) {
        if (text == null) return false;
        String t = stripScheme(text);
        int slash = t.indexOf('/');
        String first = slash < 0 ? t : t.substring(0, slash);
        return slash > 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
    }

    private static Reference parseRepository(String t, String original) {
        if (t.length() > MAX_REPOSITORY_LENGTH) {
            throw invalid(original, "the registry and repository are " + t.length() + " characters, more than the "
                    + MAX_REPOSITORY_LENGTH + " characters a reference may have");
        }
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        String path = slash < 0 ? "" : t.substring(slash + 1);
        if (host.isEmpty()) throw invalid(original, "it does not start with a registry host");
        if (!(host.contains(".") || host.contains(":") || host.equals("localhost"))) {
            throw invalid(original, "'" + host + "' is not a registry host (a host has a '.' or a ':port', or is localhost)");
        }
        if (!HOST.matcher(host).matches()) throw invalid(original, "invalid registry host '" + host + "'");
        if (!path.isEmpty()) {
            for (String c : path.split("/", -1)) {
                if (c.equals("..") || c.equals(".")) throw invalid(original, "'" + c + "' is not allowed in a repository path");
                if (!COMPONENT.matcher(c).matches()) {
                    String why = c.isEmpty() ? "an empty path segment"
                            : !c.equals(c.toLowerCase(java.util.Locale.ROOT)) ? "'" + c + "' has upper-case letters; repository paths are lower-case"
                            : "invalid path segment '" + c + "'";
                    throw invalid(original, why);
                }
            }
        }
        return new Reference(host.toLowerCase(java.util.Locale.ROOT), path, null, null);
    }

    private static String require(String text) {
        if (text == null || text.isBlank()) throw invalid(String.valueOf(text), "it is empty");
        return text.trim();
    }

    private static String stripScheme(String t) {
        for (String scheme : new String[]{"oci://", "https://"}) {
            if (t.startsWith(scheme)) return t.substring(scheme.length());
        }
        if (t.startsWith("http://")) {
            throw invalid(t, "plain http:// is not a catalog URL");
        }
        return t;
    }

    private static InvalidInputException invalid(String text, String why) {
        return new InvalidInputException("invalid reference " + InvalidInputException.shown(text) + ": " + why,
                "write a reference as host[:port]/path/<kind>s/<name>@<version>, e.g. ghcr.io/myorg/solutions/deploy@1.0.0");
    }

    /** The same registry and repository with another tag. */
    public Reference withTag(String t) {
        return new Reference(registry, repository, t, null);
    }

    public Reference withDigest(Digest d) {
        return new Reference(registry, repository, null, d);
    }

    /** A repository below this one: {@code child("providers/aws")}. */
    public Reference child(String path) {
        return new Reference(registry, repository.isEmpty() ? path : repository + "/" + path, null, null);
    }

    /** The last path segment. */
    public String name() {
        int slash = repository.lastIndexOf('/');
        return slash < 0 ? repository : repository.substring(slash + 1);
    }

    /** The tag or digest string used in {@code /v2/<repo>/manifests/<reference>}. */
    public String reference() {
        return digest != null ? digest.toString() : tag;
    }

    /** The version the tag stands for ({@code _} read back as {@code +}), or null. */
    public String version() {
        return tag == null ? null : Tags.toVersion(tag);
    }

    @Override
    public String toString() {
        String base = repository.isEmpty() ? registry : registry + "/" + repository;
        if (digest != null) return base + "@" + digest;
        if (tag != null) return base + ":" + tag;
        return base;
    }
}
