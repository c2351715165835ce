package dev.scafctl.oci;

import dev.scafctl.error.InvalidInputException;
import org.semver4j.Semver;

import java.util.regex.Pattern;

/**
 * Versions as OCI tags: the tag is the version as written, as the Go scafctl tags it, so each
 * tool reads back what the other pushed. A tag cannot hold {@code +}, so a version with semver
 * build metadata ({@code 1.5.3+abc}) is refused rather than rewritten into a tag the other tool
 * would not read as that version.
 */
public final class Tags {
    /** The OCI distribution spec's tag grammar. */
    public static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    /** A version becomes a tag, so it is held to a tag's length (semver4j also overflows its stack on long ones). */
    public static final int MAX_VERSION_LENGTH = 128;

    private Tags() {
    }

    /** The tag for a version or alias: the same text, when an OCI tag can hold it. */
    public static String fromVersion(String version) {
        if (version == null || version.isEmpty()) {
            throw new InvalidInputException("missing version", "write NAME@VERSION, e.g. my-solution@1.0.0");
        }
        checkLength(version);
        int plus = version.indexOf('+');
        if (plus >= 0) {
            String base = version.substring(0, plus);
            String build = version.substring(plus + 1);
            throw new InvalidInputException("invalid version '" + version + "': semver build metadata ('+"
                    + build + "') cannot be part of an OCI tag, and catalogs tag the version as written",
                    "use a pre-release instead, such as " + base + "-" + build.replace('+', '.')
                            + ", or drop the build metadata: " + base);
        }
        if (!TAG.matcher(version).matches()) {
            throw new InvalidInputException("invalid version '" + version
                    + "': a version or alias may hold letters, digits, '.', '-' and '_', up to 128 characters",
                    "use a semver version such as 1.2.3, or an alias such as latest");
        }
        return version;
    }

    /** The version a tag stands for: the tag itself (a tag that is not semver is an alias, not a version). */
    public static String toVersion(String tag) {
        return tag;
    }

    /** Refuses a version too long to be a tag, before anything parses it. */
    public static void checkLength(String version) {
        if (version.length() > MAX_VERSION_LENGTH) {
            throw new InvalidInputException("invalid version " + InvalidInputException.shown(version) + ": more than the "
                    + MAX_VERSION_LENGTH + " characters a version may have (an OCI tag's limit)",
                    "use a semver version such as 1.2.3 or 1.2.3-rc.1");
        }
    }

    public static boolean isSemver(String version) {
        return version != null && version.length() <= MAX_VERSION_LENGTH && !version.startsWith("v") && Semver.isValid(version);
    }
}
