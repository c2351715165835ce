package dev.scafctl.plugin.wire;

import io.grpc.Metadata;
import io.grpc.Status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The facts of gRPC over HTTP/2 that are not HTTP/2's: statuses, timeouts, metadata as headers. */
final class GrpcWire {
    static final String CONTENT_TYPE = "application/grpc";

    private GrpcWire() {
    }

    /** A {@code grpc-timeout} value: at most 8 digits, in the finest unit that fits. */
    static String timeout(long nanos) {
        long n = Math.max(1, nanos);
        if (n < 100_000_000L) return n + "n";
        if (n / 1_000 < 100_000_000L) return n / 1_000 + "u";
        if (n / 1_000_000 < 100_000_000L) return n / 1_000_000 + "m";
        long seconds = TimeUnit.NANOSECONDS.toSeconds(n);
        if (seconds < 100_000_000L) return seconds + "S";
        if (seconds / 60 < 100_000_000L) return seconds / 60 + "M";
        return Math.min(seconds / 3600, 99_999_999L) + "H";
    }

    /** The status of a response that ended without {@code grpc-status}, from its HTTP status (gRPC's http-grpc-status-mapping). */
    static Status fromHttp(int httpStatus) {
        Status.Code code = switch (httpStatus) {
            case 400 -> Status.Code.INTERNAL;
            case 401 -> Status.Code.UNAUTHENTICATED;
            case 403 -> Status.Code.PERMISSION_DENIED;
            case 404 -> Status.Code.UNIMPLEMENTED;
            case 429, 502, 503, 504 -> Status.Code.UNAVAILABLE;
            default -> Status.Code.UNKNOWN;
        };
        return Status.fromCode(code).withDescription("HTTP status " + httpStatus + " without a gRPC status");
    }

    /** The status for an RST_STREAM error code (gRPC's errors mapping). */
    static Status fromReset(int code) {
        Status s = switch (code) {
            case Http2.REFUSED_STREAM -> Status.UNAVAILABLE;
            case Http2.CANCEL -> Status.CANCELLED;
            case Http2.ENHANCE_YOUR_CALM -> Status.RESOURCE_EXHAUSTED;
            case Http2.INADEQUATE_SECURITY -> Status.PERMISSION_DENIED;
            default -> Status.INTERNAL;
        };
        return s.withDescription("the plugin reset the stream (HTTP/2 error " + code + ")");
    }

    /** {@code grpc-message} is percent-encoded UTF-8; a malformed escape is kept as it is. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** Application metadata as header fields: binary values ({@code -bin} keys) in base64. */
    static void addMetadata(List<HeaderField> fields, Metadata md) {
        for (String key : md.keys()) {
            if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                for (byte[] v : md.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))) {
                    fields.add(new HeaderField(key, Base64.getEncoder().withoutPadding().encodeToString(v)));
                }
            } else {
                for (String v : md.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
                    fields.add(new HeaderField(key, v));
                }
            }
        }
    }

    /** Received header fields as metadata; pseudo-headers and malformed entries are left out. */
    static Metadata toMetadata(List<HeaderField> fields) {
        Metadata md = new Metadata();
        for (HeaderField f : fields) {
            if (f.name().startsWith(":")) continue;
            try {
                if (f.name().endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                    md.put(Metadata.Key.of(f.name(), Metadata.BINARY_BYTE_MARSHALLER), Base64.getDecoder().decode(f.value()));
                } else {
                    md.put(Metadata.Key.of(f.name(), Metadata.ASCII_STRING_MARSHALLER), f.value());
                }
            } catch (IllegalArgumentException ignored) {
                // a header gRPC cannot represent as metadata
            }
        }
        return md;
    }

    static String value(List<HeaderField> fields, String name) {
        for (HeaderField f : fields) {
            if (f.name().equals(name)) return f.value();
        }
        return null;
    }
}
