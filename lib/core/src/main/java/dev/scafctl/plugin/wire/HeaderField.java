package dev.scafctl.plugin.wire;

/** One header as it travels: name and value, octets kept one-to-one as ISO-8859-1 characters. */
record HeaderField(String name, String value) {
    /** The size RFC 7541 §4.1 counts against a dynamic table. */
    int size() {
        return name.length() + value.length() + 32;
    }
}
