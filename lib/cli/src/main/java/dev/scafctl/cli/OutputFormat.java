package dev.scafctl.cli;

/** The {@code -o} choices. */
public enum OutputFormat {
    yaml, json, table
}
