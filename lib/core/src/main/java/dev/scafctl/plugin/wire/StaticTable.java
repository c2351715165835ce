package dev.scafctl.plugin.wire;

/** HPACK's static table (RFC 7541 Appendix A): index i + 1 is ENTRIES[i]. */
final class StaticTable {
    static final String[][] ENTRIES = {
            {":authority", ""},
            {":method", "GET"},
            {":method", "POST"},
            {":path", "/"},
            {":path", "/index.html"},
            {":scheme", "http"},
            {":scheme", "https"},
            {":status", "200"},
            {":status", "204"},
            {":status", "206"},
            {":status", "304"},
            {":status", "400"},
            {":status", "404"},
            {":status", "500"},
            {"accept-charset", ""},
            {"accept-encoding", "gzip, deflate"},
            {"accept-language", ""},
            {"accept-ranges", ""},
            {"accept", ""},
            {"access-control-allow-origin", ""},
            {"age", ""},
            {"allow", ""},
            {"authorization", ""},
            {"cache-control", ""},
            {"content-disposition", ""},
            {"content-encoding", ""},
            {"content-language", ""},
            {"content-length", ""},
            {"content-location", ""},
            {"content-range", ""},
            {"content-type", ""},
            {"cookie", ""},
            {"date", ""},
            {"etag", ""},
            {"expect", ""},
            {"expires", ""},
            {"from", ""},
            {"host", ""},
            {"if-match", ""},
            {"if-modified-since", ""},
            {"if-none-match", ""},
            {"if-range", ""},
            {"if-unmodified-since", ""},
            {"last-modified", ""},
            {"link", ""},
            {"location", ""},
            {"max-forwards", ""},
            {"proxy-authenticate", ""},
            {"proxy-authorization", ""},
            {"range", ""},
            {"referer", ""},
            {"refresh", ""},
            {"retry-after", ""},
            {"server", ""},
            {"set-cookie", ""},
            {"strict-transport-security", ""},
            {"transfer-encoding", ""},
            {"user-agent", ""},
            {"vary", ""},
            {"via", ""},
            {"www-authenticate", ""}
    };

    private StaticTable() {
    }

    /** The index of the entry with this name and value, else 0. */
    static int indexOf(String name, String value) {
        for (int i = 0; i < ENTRIES.length; i++) {
            if (ENTRIES[i][0].equals(name) && ENTRIES[i][1].equals(value)) return i + 1;
        }
        return 0;
    }

    /** The first index with this name, else 0. */
    static int indexOfName(String name) {
        for (int i = 0; i < ENTRIES.length; i++) {
            if (ENTRIES[i][0].equals(name)) return i + 1;
        }
        return 0;
    }
}
