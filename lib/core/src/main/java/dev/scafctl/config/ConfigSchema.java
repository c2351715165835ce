package dev.scafctl.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keys a {@code config.yaml} may hold, as the Go scafctl defines them (its pkg/config/types.go:
 * {@code Config}, {@code CatalogConfig}, {@code Settings}) plus this scafctl's own
 * {@code insecure} and {@code caFile}; each is either read here or kept as written for the Go
 * scafctl. A key of neither kind is unknown: kept as well, and most likely a typo.
 */
final class ConfigSchema {
    enum Use { READ, KEPT }

    static final Map<String, Use> TOP = keys(List.of("catalogs", "settings"),
            List.of("version", "logging", "telemetry", "httpClient", "cel", "goTemplate", "resolver", "action", "auth",
                    "build", "apiServer", "discovery", "plugins", "kube"));
    static final Map<String, Use> CATALOG = keys(List.of("name", "type", "url", "path", "insecure", "caFile"),
            List.of("auth", "authProvider", "authScope", "discoveryStrategy", "metadata", "httpClient"));
    static final Map<String, Use> SETTINGS = keys(List.of("defaultCatalog", "noColor", "quiet", "disableOfficialCatalog"),
            List.of("versionCheck", "requireSecureKeyring", "disableOfficialProviders", "disableOfficialAuthHandlers"));

    private ConfigSchema() {
    }

    private static Map<String, Use> keys(List<String> read, List<String> kept) {
        Map<String, Use> m = new LinkedHashMap<>();
        read.forEach(k -> m.put(k, Use.READ));
        kept.forEach(k -> m.put(k, Use.KEPT));
        return m;
    }

    /** The known key that {@code key} names, matched without regard to case as viper matches them; null when none. */
    static String known(Map<String, Use> keys, String key) {
        for (String k : keys.keySet()) if (k.equalsIgnoreCase(key)) return k;
        return null;
    }

    /** Adds a mapping's keys that are only kept, and those that are unknown, to {@code kept} and {@code unknown}. */
    static void sort(JsonNode mapping, String at, Map<String, Use> keys, List<String> kept, List<String> unknown) {
        for (Iterator<String> it = mapping.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String k = known(keys, key);
            if (k == null) {
                unknown.add(at + key + suggestion(keys, key));
            } else if (keys.get(k) == Use.KEPT) {
                kept.add(at + key);
            }
        }
    }

    /** " (did you mean X?)" for the known key within two edits of {@code key}, else "". */
    static String suggestion(Map<String, Use> keys, String key) {
        String best = null;
        int bestDistance = 3;
        for (String k : keys.keySet()) {
            int d = distance(k.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
