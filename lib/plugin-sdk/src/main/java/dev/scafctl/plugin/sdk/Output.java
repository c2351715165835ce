package dev.scafctl.plugin.sdk;

import java.nio.charset.StandardCharsets;

/** Where a streaming provider writes its output; each call is sent to the host as one chunk. */
public interface Output {
    void stdout(byte[] data);

    void stderr(byte[] data);

    default void stdout(String text) {
        stdout(text.getBytes(StandardCharsets.UTF_8));
    }

    default void stderr(String text) {
        stderr(text.getBytes(StandardCharsets.UTF_8));
    }
}
