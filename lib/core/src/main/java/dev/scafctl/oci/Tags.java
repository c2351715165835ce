package dev.scafctl.oci;

import dev.scafctl.error.InvalidInputException;
import org.semver4j.Semver;

import java.util.regex.Pattern;

/**
 * Versions as OCI tags. A tag cannot hold {@code +}, so a semver build suffix {@code 1.5.3+abc}
 * is tagged {@code 1.5.3_abc} and read back as {@code +}.
 */
public final class Tags {
    /** The OCI distribution spec's tag grammar. */
    public static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    /** A version becomes a tag, so it is held to a tag's length (semver4j also overflows its stack on long ones). */
    public static final int MAX_VERSION_LENGTH = 128;

    private Tags() {
    }

    /** The tag for a version or alias; a {@code +} is allowed only as semver build metadata. */
    public static String fromVersion(String version) {
        if (version == null || version.isEmpty()) {
            throw new InvalidInputException("missing version", "write NAME@VERSION, e.g. my-solution@1.0.0");
        }
        checkLength(version);
        String tag = version;
        if (version.contains("+")) {
            if (!isSemver(version)) {
                throw new InvalidInputException("invalid version '" + version
                        + "': '+' is only allowed as semver build metadata (1.2.3+build)",
                        "use a semver version such as 1.2.3 or 1.2.3+build.5, or drop the '+'");
            }
            tag = version.replace('+', '_');
        }
        if (!TAG.matcher(tag).matches()) {
            throw new InvalidInputException("invalid version '" + version
                    + "': a version or alias may hold letters, digits, '.', '-', '_' (and '+' in semver build metadata), up to 128 characters",
                    "use a semver version such as 1.2.3, or an alias such as latest");
        }
        return tag;
    }

    /** The version a tag stands for: {@code 1.5.3_abc} reads as {@code 1.5.3+abc} when that is semver. */
    public static String toVersion(String tag) {
        int u = tag.indexOf('_');
        if (u > 0 && !tag.contains("+")) {
            String candidate = tag.substring(0, u) + "+" + tag.substring(u + 1);
            if (isSemver(candidate)) return candidate;
        }
        return tag;
    }

    /** Refuses a version too long to be a tag, before anything parses it. */
    public static void checkLength(String version) {
        if (version.length() > MAX_VERSION_LENGTH) {
            throw new InvalidInputException("invalid version " + InvalidInputException.shown(version) + ": more than the "
                    + MAX_VERSION_LENGTH + " characters a version may have (an OCI tag's limit)",
                    "use a semver version such as 1.2.3 or 1.2.3-rc.1+build.5");
        }
    }

    public static boolean isSemver(String version) {
        return version != null && version.length() <= MAX_VERSION_LENGTH && !version.startsWith("v") && Semver.isValid(version);
    }
}
