package dev.scafctl.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user name and secret for one registry. {@link #toString()} never shows the secret. */
public record Credentials(String username, String secret) {

    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes docker's {@code auth} field, base64 of {@code user:secret}; null when malformed. */
    static Credentials fromAuthField(String auth) {
        try {
            String s = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            int colon = s.indexOf(':');
            return colon <= 0 ? null : new Credentials(s.substring(0, colon), s.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    String toAuthField() {
        return Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", secret=***]";
    }
}
