package dev.scafctl.plugin.wire;

import java.io.IOException;

/** The peer broke the protocol: a connection error, answered with GOAWAY carrying this code. */
final class Http2Exception extends IOException {
    final int code;

    Http2Exception(int code, String message) {
        super(message);
        this.code = code;
    }
}
