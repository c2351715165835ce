package dev.scafctl.catalog;

import java.util.Arrays;
import java.util.Optional;

/** The three kinds of catalog artifact, with their names in tags, repository paths and media types. */
public enum ArtifactKind {
    SOLUTION("solution", "solutions"),
    PROVIDER("provider", "providers"),
    AUTH_HANDLER("auth-handler", "auth-handlers");

    private final String id;
    private final String plural;

    ArtifactKind(String id, String plural) {
        this.id = id;
        this.plural = plural;
    }

    /** As written in YAML, tags and annotations: {@code solution}, {@code provider}, {@code auth-handler}. */
    public String id() {
        return id;
    }

    /** The repository path segment: {@code solutions}, {@code providers}, {@code auth-handlers}. */
    public String plural() {
        return plural;
    }

    public boolean isPlugin() {
        return this != SOLUTION;
    }

    public String contentMediaType() {
        return this == SOLUTION
                ? "application/vnd.scafctl.solution.v1+yaml"
                : "application/vnd.scafctl." + id + ".v1+binary";
    }

    public String configMediaType() {
        return "application/vnd.scafctl." + id + ".config.v1+json";
    }

    public static Optional<ArtifactKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    public static Optional<ArtifactKind> fromPlural(String segment) {
        return Arrays.stream(values()).filter(k -> k.plural.equals(segment)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
