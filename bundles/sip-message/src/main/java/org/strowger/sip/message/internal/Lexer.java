package org.strowger.sip.message.internal;

import org.strowger.sip.message.api.MalformedHeaderException;

/**
 * A cursor over one header value (already unfolded) with the RFC 3261 §25.1 building blocks:
 * SWS-separated punctuation (SEMI, EQUAL, SLASH, COLON, COMMA), tokens and quoted strings.
 * Errors become {@link MalformedHeaderException} naming the header ("Bad Via: ...").
 */
public final class Lexer {
    private final String s;
    private final String what;
    private final int end;
    private int pos;

    public Lexer(String s, String what) {
        this(s, 0, s.length(), what);
    }

    public Lexer(String s, int start, int end, String what) {
        this.s = s;
        this.pos = start;
        this.end = end;
        this.what = what;
    }

    public String source() {
        return s;
    }

    public int pos() {
        return pos;
    }

    public void pos(int newPos) {
        this.pos = newPos;
    }

    public int end() {
        return end;
    }

    public boolean atEnd() {
        return pos >= end;
    }

    public int peek() {
        return pos < end ? s.charAt(pos) : -1;
    }

    public int next() {
        return pos < end ? s.charAt(pos++) : -1;
    }

    public void skipWs() {
        while (pos < end && Chars.isWsp(s.charAt(pos))) {
            pos++;
        }
    }

    /** Skips SWS, and if the next character is {@code c} consumes it and the SWS after it. */
    public boolean consume(char c) {
        int save = pos;
        skipWs();
        if (pos < end && s.charAt(pos) == c) {
            pos++;
            skipWs();
            return true;
        }
        pos = save;
        return false;
    }

    public void expect(char c, String description) {
        if (!consume(c)) {
            throw fail(description);
        }
    }

    /** Reads a non-empty token or fails with "expected {description}". */
    public String token(String description) {
        int start = pos;
        while (pos < end && Chars.isToken(s.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw fail("expected " + description);
        }
        return s.substring(start, pos);
    }

    /** Reads a token if one starts here, else returns null without moving. */
    public String optionalToken() {
        int start = pos;
        while (pos < end && Chars.isToken(s.charAt(pos))) {
            pos++;
        }
        return pos == start ? null : s.substring(start, pos);
    }

    /** Reads a run of digits as a long, failing when absent or above {@code max}. */
    public long number(String description, long max) {
        int start = pos;
        long value = 0;
        while (pos < end && Chars.isDigit(s.charAt(pos))) {
            value = value * 10 + (s.charAt(pos) - '0');
            if (value > max) {
                throw fail(description + " out of range (max " + max + ")");
            }
            pos++;
        }
        if (pos == start) {
            throw fail("expected " + description);
        }
        return value;
    }

    /**
     * Reads a quoted-string (RFC 3261 §25.1) starting at the opening DQUOTE and returns its content
     * with quoted-pairs unescaped.
     */
    public String quotedString() {
        if (peek() != '"') {
            throw fail("expected quoted string");
        }
        pos++;
        StringBuilder out = null;
        int start = pos;
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == '"') {
                String value = out == null ? s.substring(start, pos) : out.append(s, start, pos).toString();
                pos++;
                return value;
            }
            if (c == '\\') {
                if (pos + 1 >= end) {
                    break;
                }
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(s, start, pos).append(s.charAt(pos + 1));
                pos += 2;
                start = pos;
                continue;
            }
            pos++;
        }
        throw fail("unterminated quoted string");
    }

    /** Reads a quoted string and returns it raw, including quotes and escapes. */
    public String rawQuotedString() {
        int start = pos;
        quotedString();
        return s.substring(start, pos);
    }

    public MalformedHeaderException fail(String problem) {
        return new MalformedHeaderException("Bad " + what + ": " + problem);
    }

    /** Fails unless only whitespace remains. */
    public void expectEnd() {
        skipWs();
        if (pos < end) {
            throw fail("unexpected '" + printable(s.charAt(pos)) + "' at offset " + pos);
        }
    }

    /** A character rendered safely for a reason phrase (no CR, LF or other controls). */
    public static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02X", (int) c & 0xffff);
    }
}
