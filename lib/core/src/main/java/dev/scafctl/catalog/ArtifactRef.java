package dev.scafctl.catalog;

import dev.scafctl.error.InvalidInputException;
import dev.scafctl.oci.Tags;

import java.util.regex.Pattern;

/**
 * A catalog-relative reference, {@code [kind/]name[@version]}: {@code deploy@1.0.0},
 * {@code provider/aws@2.1.0}, {@code deploy}. The kind is null when not given; the version is null
 * when the reference names all versions.
 */
public record ArtifactRef(ArtifactKind kind, String name, String version) {
    /** A name is one path component in caches and catalogs, with room to spare; the Go scafctl allows as much. */
    public static final int MAX_NAME_LENGTH = 128;
    /** The length is checked first, so the repeated group never runs over a long text (which overflows the stack). */
    public static final Pattern NAME = Pattern.compile("(?=[a-z0-9._-]{1," + MAX_NAME_LENGTH + "}$)[a-z0-9]+(?:[._-][a-z0-9]+)*");

    public ArtifactRef {
        checkName(name, kind == null ? name : kind + "/" + name);
        if (version != null) Tags.fromVersion(version);
    }

    public static ArtifactRef parse(String text) {
        if (text == null || text.isBlank()) throw invalid(String.valueOf(text), "it is empty");
        String t = text.trim();
        String version = null;
        int at = t.indexOf('@');
        if (at >= 0) {
            version = t.substring(at + 1);
            t = t.substring(0, at);
            if (version.isEmpty()) throw invalid(text, "nothing after '@'; write NAME@VERSION");
            if (version.contains("@")) throw invalid(text, "more than one '@'");
        }
        if (t.contains("..") || t.startsWith("/")) throw invalid(text, "'..' and absolute paths are not allowed in a name");
        ArtifactKind kind = null;
        int slash = t.indexOf('/');
        if (slash >= 0) {
            String k = t.substring(0, slash);
            kind = ArtifactKind.fromId(k).orElseThrow(() -> invalid(text,
                    "'" + k + "' is not an artifact kind (solution, provider, auth-handler); a registry reference needs a host"));
            t = t.substring(slash + 1);
        }
        if (t.isEmpty()) throw invalid(text, "no name before '@'; write NAME@VERSION");
        checkName(t, text);
        try {
            return new ArtifactRef(kind, t, version);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("invalid reference " + InvalidInputException.shown(text) + ": " + e.getMessage(), e.nextStep());
        }
    }

    /** Like {@link #parse} but the version is required. */
    public static ArtifactRef parseVersioned(String text) {
        ArtifactRef r = parse(text);
        if (r.version == null) throw invalid(text, "no version; write NAME@VERSION");
        return r;
    }

    /** Lower-case letters and digits with single '.', '_' or '-' between them, at most {@value MAX_NAME_LENGTH} characters. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Why {@code name} is not a valid name, or null when it is. */
    public static String whyInvalidName(String name) {
        if (name != null && name.length() > MAX_NAME_LENGTH) return "more than the " + MAX_NAME_LENGTH + " characters a name may have";
        if (!isValidName(name)) return "use lower-case letters, digits and single '.', '_' or '-' between them";
        return null;
    }

    static void checkName(String name, String text) {
        if (name == null || name.isEmpty()) throw invalid(String.valueOf(text), "no name");
        if (name.length() > MAX_NAME_LENGTH) {
            throw invalid(text, "the name is " + name.length() + " characters, more than the " + MAX_NAME_LENGTH + " characters a name may have");
        }
        if (!isValidName(name)) {
            String why = name.contains("..") || name.contains("/") ? "'" + name + "' is not a plain name"
                    : !name.equals(name.toLowerCase(java.util.Locale.ROOT)) ? "'" + name + "' has upper-case letters; names are lower-case"
                    : "'" + name + "' is not a valid name";
            throw invalid(text, why + " (lower-case letters, digits, and '.', '_' or '-' between them)");
        }
    }

    private static InvalidInputException invalid(String text, String why) {
        return new InvalidInputException("invalid reference " + InvalidInputException.shown(text) + ": " + why,
                "write NAME@VERSION, e.g. my-solution@1.0.0 (optionally KIND/NAME@VERSION, e.g. provider/aws@1.2.0)");
    }

    public ArtifactRef withVersion(String v) {
        return new ArtifactRef(kind, name, v);
    }

    public ArtifactRef withKind(ArtifactKind k) {
        return new ArtifactRef(k, name, version);
    }

    @Override
    public String toString() {
        return (kind == null ? "" : kind + "/") + name + (version == null ? "" : "@" + version);
    }
}
