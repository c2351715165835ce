package dev.scafctl.plugin.wire;

/** One received frame: the 9-byte header's fields and the payload. */
record Frame(int type, int flags, int streamId, byte[] payload) {
    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    int intAt(int offset) {
        return ((payload[offset] & 0xff) << 24) | ((payload[offset + 1] & 0xff) << 16)
                | ((payload[offset + 2] & 0xff) << 8) | (payload[offset + 3] & 0xff);
    }
}
