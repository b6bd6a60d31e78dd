package org.strowger.sip.message.internal;

import java.util.Map;
import org.strowger.sip.message.api.NameAddr;
import org.strowger.sip.message.api.Uri;

/**
 * {@code ( name-addr / addr-spec ) *( SEMI generic-param )} (RFC 3261 §20.10, §25.1).
 * name-addr = [ display-name ] LAQUOT addr-spec RAQUOT with display-name = *(token LWS) /
 * quoted-string; no whitespace is allowed inside the angle brackets (RFC 4475 §3.1.2.14 "badaspec").
 * In addr-spec form the URI ends at the first ';' (those parameters belong to the header) and must
 * not contain ',', ';' or '?' (RFC 3261 §20.10; RFC 4475 §3.1.2.13 "regbadct").
 */
public final class AddressParser {
    private AddressParser() {
    }

    public static NameAddr parse(String value, String what) {
        Lexer lx = new Lexer(value, what);
        NameAddr result = parse(lx, what);
        lx.expectEnd();
        return result;
    }

    /** Parses one element starting at the lexer position; stops before a list COMMA or at end. */
    public static NameAddr parse(Lexer lx, String what) {
        lx.skipWs();
        String s = lx.source();
        String display = null;
        Uri uri;
        if (lx.peek() == '"') {
            display = lx.quotedString();
            lx.skipWs();
            if (lx.peek() != '<') {
                throw lx.fail("expected '<' after display name");
            }
            uri = bracketed(lx, what);
        } else if (lx.peek() == '<') {
            uri = bracketed(lx, what);
        } else {
            int start = lx.pos();
            // display-name as *(token LWS) followed by '<'?
            int p = start;
            int lastTokenEnd = -1;
            while (p < lx.end()) {
                char c = s.charAt(p);
                if (Chars.isToken(c)) {
                    p++;
                    lastTokenEnd = p;
                } else if (Chars.isWsp(c)) {
                    p++;
                } else {
                    break;
                }
            }
            if (p < lx.end() && s.charAt(p) == '<' && lastTokenEnd > start) {
                display = s.substring(start, lastTokenEnd);
                lx.pos(p);
                uri = bracketed(lx, what);
            } else {
                int end = start;
                while (end < lx.end()) {
                    char c = s.charAt(end);
                    if (c == ';' || c == ',' || Chars.isWsp(c)) {
                        break;
                    }
                    if (c == '?') {
                        throw lx.fail("a URI with headers must be enclosed in <> (RFC 3261 section 20)");
                    }
                    if (c == '<' || c == '"') {
                        throw lx.fail("display name must be tokens or a quoted string");
                    }
                    end++;
                }
                if (end == start) {
                    throw lx.fail("missing URI");
                }
                if ((end >= lx.end() || s.charAt(end) != ';') && s.indexOf('<', end) >= 0) {
                    throw lx.fail("display name must be tokens or a quoted string");
                }
                uri = UriParser.parse(s, start, end, what);
                lx.pos(end);
            }
        }
        Map<String, String> params = Params.parseGeneric(lx, false);
        return new NameAddr(display, uri, params);
    }

    private static Uri bracketed(Lexer lx, String what) {
        String s = lx.source();
        int open = lx.pos();
        int close = s.indexOf('>', open);
        if (close < 0 || close >= lx.end()) {
            throw lx.fail("missing '>'");
        }
        if (close == open + 1) {
            throw lx.fail("empty <>");
        }
        Uri uri = UriParser.parse(s, open + 1, close, what);
        lx.pos(close + 1);
        return uri;
    }
}
