package dev.scafctl.error;

/**
 * Text from outside (a plugin's error, a registry's answer, a file's content) made safe to print
 * on a terminal: control characters, which could move the cursor, rewrite earlier lines, recolour
 * or retitle the terminal, and the bidirectional overrides that reorder what is shown, appear as
 * visible escapes ({@code \x1b}, {@code \u202e}). Line breaks and tabs stay.
 */
public final class Printable {
    private Printable() {
    }

    public static String of(String text) {
        if (text == null) return null;
        int i = 0;
        while (i < text.length() && !unsafe(text.charAt(i))) i++;
        if (i == text.length()) return text;
        StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unsafe(c)) {
                b.append(c);
            } else if (c <= 0xff) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    private static boolean unsafe(char c) {
        if (c == '\n' || c == '\t') return false;
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}
