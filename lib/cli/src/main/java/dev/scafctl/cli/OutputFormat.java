package dev.scafctl.cli;

/** The {@code -o} choices: {@code table} fits 100 columns; {@code wide} is the table with every column in full. */
public enum OutputFormat {
    yaml, json, table, wide;

    public boolean isTable() {
        return this == table || this == wide;
    }
}
