package dev.scafctl.plugin;

/**
 * The shape of a version constraint, checked in one pass that keeps the set of places the text
 * may have reached in the grammar, so its cost is linear in the length whatever the text. The
 * regular expression it replaces accepted exactly the same texts, but a backtracking matcher
 * tried every way of splitting whitespace and hyphens between terms: minutes for a few kilobytes.
 *
 * <pre>
 * constraint = space* term (separator term)* space*
 * separator  = space+ | space* ("||" | "," | "-") space*
 * term       = [ "^" | "~" | "=" | "&gt;" | "&gt;=" | "&lt;" | "&lt;=" ] space* ["v"] part ("." part){0,2}
 *              ["-" ident] ["+" ident]
 * part       = [0-9xX*]+        ident = [0-9A-Za-z.-]+        space = [ \t\n\x0B\f\r]
 * </pre>
 *
 * The grammar is ambiguous where a hyphen follows a version ({@code 1.0.0-1.4.0} is a pre-release,
 * or a range without spaces): both readings are followed at once, and semver4j decides what the
 * text means once it is known to be well formed.
 */
final class ConstraintSyntax {
    // Places in the grammar, one bit each.
    private static final int START = 1;          // before the first term
    private static final int AFTER_OP = 1 << 1;  // after ^ ~ = or a complete >= <=
    private static final int AFTER_CMP = 1 << 2; // after > or <, which = may complete
    private static final int AFTER_V = 1 << 3;
    private static final int PART1 = 1 << 4;
    private static final int DOT1 = 1 << 5;
    private static final int PART2 = 1 << 6;
    private static final int DOT2 = 1 << 7;
    private static final int PART3 = 1 << 8;
    private static final int PRE_START = 1 << 9;
    private static final int PRE = 1 << 10;
    private static final int BUILD_START = 1 << 11;
    private static final int BUILD = 1 << 12;
    private static final int SEP_SPACE = 1 << 13; // after a term and whitespace only
    private static final int SEP_BAR = 1 << 14;   // after the first '|' of "||"
    private static final int SEP_DONE = 1 << 15;  // after "||", ',' or '-' (and any whitespace)

    private static final int VERSION_END = PART1 | PART2 | PART3;
    private static final int TERM_END = VERSION_END | PRE | BUILD;
    private static final int TERM_START = START | SEP_SPACE | SEP_DONE;
    private static final int ACCEPT = TERM_END | SEP_SPACE;

    private ConstraintSyntax() {
    }

    /** True when {@code text} has the shape of a constraint. */
    static boolean isWellFormed(String text) {
        int places = START;
        for (int i = 0; i < text.length() && places != 0; i++) {
            places = step(places, text.charAt(i));
        }
        return (places & ACCEPT) != 0;
    }

    private static int step(int from, char c) {
        int to = 0;
        boolean space = isSpace(c);
        boolean part = isPart(c);
        boolean ident = isIdent(c);
        if ((from & START) != 0 && space) to |= START;
        if ((from & TERM_START) != 0) {
            if (c == '^' || c == '~' || c == '=') to |= AFTER_OP;
            if (c == '>' || c == '<') to |= AFTER_CMP;
        }
        if ((from & AFTER_CMP) != 0 && c == '=') to |= AFTER_OP;
        if ((from & (TERM_START | AFTER_OP | AFTER_CMP)) != 0) {
            if (c == 'v') to |= AFTER_V;
            if (part) to |= PART1;
        }
        if ((from & (AFTER_OP | AFTER_CMP)) != 0 && space) to |= AFTER_OP;
        if ((from & AFTER_V) != 0 && part) to |= PART1;
        if ((from & PART1) != 0 && part) to |= PART1;
        if ((from & PART1) != 0 && c == '.') to |= DOT1;
        if ((from & (DOT1 | PART2)) != 0 && part) to |= PART2;
        if ((from & PART2) != 0 && c == '.') to |= DOT2;
        if ((from & (DOT2 | PART3)) != 0 && part) to |= PART3;
        if ((from & VERSION_END) != 0 && c == '-') to |= PRE_START;
        if ((from & (PRE_START | PRE)) != 0 && ident) to |= PRE;
        if ((from & (VERSION_END | PRE)) != 0 && c == '+') to |= BUILD_START;
        if ((from & (BUILD_START | BUILD)) != 0 && ident) to |= BUILD;
        if ((from & (TERM_END | SEP_SPACE)) != 0) {
            if (space) to |= SEP_SPACE;
            if (c == '|') to |= SEP_BAR;
            if (c == ',' || c == '-') to |= SEP_DONE;
        }
        if ((from & SEP_BAR) != 0 && c == '|') to |= SEP_DONE;
        if ((from & SEP_DONE) != 0 && space) to |= SEP_DONE;
        return to;
    }

    private static boolean isPart(char c) {
        return c >= '0' && c <= '9' || c == 'x' || c == 'X' || c == '*';
    }

    private static boolean isIdent(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '-';
    }

    /** The characters of {@code \s} in a Java regular expression, which the syntax has always meant by whitespace. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
