package dev.scafctl.plugin.wire;

import java.io.IOException;

/** A header block that cannot be decoded: a connection error (COMPRESSION_ERROR), since the tables are now out of step. */
final class HpackException extends IOException {
    HpackException(String message) {
        super(message);
    }
}
