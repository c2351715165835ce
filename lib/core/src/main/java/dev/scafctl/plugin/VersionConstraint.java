package dev.scafctl.plugin;

import dev.scafctl.error.InvalidInputException;
import dev.scafctl.oci.Tags;
import org.semver4j.Semver;
import org.semver4j.range.RangeList;
import org.semver4j.range.RangeListFactory;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * A semver constraint as written in {@code bundle.plugins}: {@code ^1.5.0}, {@code ~1.5.0},
 * {@code >=2.0.0}, {@code 1.2.3}, ranges such as {@code >=1.2.0 <2.0.0} or {@code 1.2 - 1.4}, and
 * {@code ||} alternatives. Pre-release versions match only when the constraint names one.
 */
public final class VersionConstraint {
    /** Longest constraint read: a dozen ranges fit, and a hostile one costs nothing to refuse. */
    public static final int MAX_LENGTH = 256;

    private final String text;
    private final RangeList ranges;

    private VersionConstraint(String text, RangeList ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    /** Parses a constraint; an invalid one is an {@link InvalidInputException} naming it. */
    public static VersionConstraint parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(String.valueOf(text));
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException("invalid version constraint " + InvalidInputException.shown(text) + ": "
                    + "more than the " + MAX_LENGTH + " characters a constraint may have",
                    "use a semver constraint such as ^1.5.0 or '>=1.2.0 <2.0.0'");
        }
        String t = text.trim();
        // semver4j is lenient and would read garbage as "any version": the syntax is checked first
        if (!ConstraintSyntax.isWellFormed(t)) {
            throw invalid(t);
        }
        try {
            RangeList ranges = RangeListFactory.create(t.replace(",", " "), false);
            if (ranges.get().isEmpty()) throw invalid(t);
            return new VersionConstraint(t, ranges);
        } catch (RuntimeException e) {
            if (e instanceof InvalidInputException iie) throw iie;
            throw invalid(t);
        }
    }

    private static InvalidInputException invalid(String t) {
        return new InvalidInputException("invalid version constraint '" + t + "'",
                "use a semver constraint such as ^1.5.0, ~1.5.0, >=2.0.0, 1.2.3 or '>=1.2.0 <2.0.0'");
    }

    public boolean isSatisfiedBy(String version) {
        if (version == null || version.length() > Tags.MAX_VERSION_LENGTH) return false;
        Semver v = Semver.parse(version);
        return v != null && ranges.isSatisfiedBy(v);
    }

    /** The highest of {@code versions} that satisfies this constraint. Invalid versions are skipped. */
    public Optional<String> highest(Collection<String> versions) {
        return versions.stream()
                .filter(this::isSatisfiedBy)
                .max(Comparator.comparing(Semver::parse));
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionConstraint c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
