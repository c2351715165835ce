package dev.scafctl.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code WWW-Authenticate} challenge: {@code Bearer realm="...",service="...",scope="..."} or {@code Basic realm="..."}. */
record Challenge(String scheme, Map<String, String> params) {
    // A name starts only where a run of letters starts, and nothing is given back: find() would
    // otherwise rescan a long run of letters from each of its positions (quadratic in the header).
    private static final Pattern PARAM = Pattern.compile("(?<![A-Za-z])([A-Za-z]++)=\"([^\"]*+)\"");

    static Challenge parse(String header) {
        if (header == null || header.isBlank()) return new Challenge("", Map.of());
        String h = header.trim();
        int sp = h.indexOf(' ');
        String scheme = (sp < 0 ? h : h.substring(0, sp)).toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(sp < 0 ? "" : h.substring(sp + 1));
        while (m.find()) params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        return new Challenge(scheme, params);
    }

    boolean isBearer() {
        return scheme.equals("bearer") && params.containsKey("realm");
    }

    boolean isBasic() {
        return scheme.equals("basic");
    }
}
