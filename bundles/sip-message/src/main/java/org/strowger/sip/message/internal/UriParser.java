package org.strowger.sip.message.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.strowger.sip.message.api.AbsoluteUri;
import org.strowger.sip.message.api.MalformedHeaderException;
import org.strowger.sip.message.api.SipUri;
import org.strowger.sip.message.api.TelUri;
import org.strowger.sip.message.api.Uri;

/**
 * URI parser for RFC 3261 §19.1.1 / §25.1 SIP-URI and SIPS-URI, RFC 3966 tel URIs and opaque
 * absoluteURIs. Validates character classes, %-escapes, IPv4 and IPv6 references (with the RFC 5954
 * correction checked by RFC 5118 §4.10) and port ranges.
 */
public final class UriParser {
    private UriParser() {
    }

    /** Parses {@code s[start, end)} as one URI; {@code what} names it in errors ("Request-URI", "To"...). */
    public static Uri parse(String s, int start, int end, String what) {
        int colon = -1;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colon = i;
                break;
            }
            boolean ok = i == start ? Chars.isAlpha(c) : Chars.isAlpha(c) || Chars.isDigit(c) || c == '+' || c == '-' || c == '.';
            if (!ok) {
                throw fail(what, "invalid URI scheme");
            }
        }
        if (colon <= start) {
            throw fail(what, "missing URI scheme");
        }
        int len = colon - start;
        if (len == 3 && s.regionMatches(true, start, "sip", 0, 3)) {
            return parseSip(s, colon + 1, end, false, what, start);
        }
        if (len == 4 && s.regionMatches(true, start, "sips", 0, 4)) {
            return parseSip(s, colon + 1, end, true, what, start);
        }
        if (len == 3 && s.regionMatches(true, start, "tel", 0, 3)) {
            return parseTel(s, colon + 1, end, what);
        }
        if (colon + 1 >= end) {
            throw fail(what, "empty URI after scheme");
        }
        for (int i = colon + 1; i < end; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '"') {
                throw fail(what, "illegal character in URI");
            }
        }
        return new AbsoluteUri(s.substring(start, colon), s.substring(colon + 1, end));
    }

    private static SipUri parseSip(String s, int p, int end, boolean secure, String what, int uriStart) {
        String user = null;
        String password = null;
        int at = -1;
        for (int i = p; i < end; i++) {
            if (s.charAt(i) == '@') {
                at = i;
                break;
            }
        }
        if (at >= 0) {
            int pwColon = -1;
            for (int i = p; i < at; i++) {
                char c = s.charAt(i);
                if (c == ':' && pwColon < 0) {
                    pwColon = i;
                    continue;
                }
                if (c == '%') {
                    checkEscape(s, i, at, what);
                    i += 2;
                    continue;
                }
                boolean ok = pwColon < 0 ? Chars.isUser(c) : Chars.isPassword(c);
                if (!ok) {
                    throw fail(what, pwColon < 0 ? "illegal character in user part" : "illegal character in password");
                }
            }
            int userEnd = pwColon < 0 ? at : pwColon;
            if (userEnd == p) {
                throw fail(what, "empty user part");
            }
            user = s.substring(p, userEnd);
            if (pwColon >= 0) {
                password = s.substring(pwColon + 1, at);
            }
            p = at + 1;
        }
        // hostport
        int hostStart = p;
        String host;
        if (p < end && s.charAt(p) == '[') {
            int close = s.indexOf(']', p);
            if (close < 0 || close >= end) {
                throw fail(what, "unterminated IPv6 reference");
            }
            if (!isIpv6(s, p + 1, close)) {
                throw fail(what, "invalid IPv6 reference");
            }
            p = close + 1;
            host = s.substring(hostStart, p);
        } else {
            while (p < end && Chars.isHost(s.charAt(p))) {
                p++;
            }
            if (p == hostStart) {
                throw fail(what, "missing host");
            }
            host = s.substring(hostStart, p);
            if (!isHostname(host)) {
                throw fail(what, "invalid host");
            }
        }
        int port = -1;
        if (p < end && s.charAt(p) == ':') {
            p++;
            int portStart = p;
            int value = 0;
            while (p < end && Chars.isDigit(s.charAt(p)) && p - portStart < 6) {
                value = value * 10 + s.charAt(p) - '0';
                p++;
            }
            if (p == portStart || value > 65535) {
                throw fail(what, "invalid port");
            }
            port = value;
        }
        Map<String, String> params = Collections.emptyMap();
        if (p < end && s.charAt(p) == ';') {
            LinkedHashMap<String, String> map = new LinkedHashMap<>(4);
            while (p < end && s.charAt(p) == ';') {
                p++;
                int nameStart = p;
                p = scanEscaped(s, p, end, what, Chars.PARAM);
                if (p == nameStart) {
                    throw fail(what, "empty URI parameter name");
                }
                String name = s.substring(nameStart, p);
                String value = null;
                if (p < end && s.charAt(p) == '=') {
                    p++;
                    int valueStart = p;
                    p = scanEscaped(s, p, end, what, Chars.PARAM);
                    if (p == valueStart) {
                        throw fail(what, "empty value of URI parameter " + Params.safe(name));
                    }
                    value = s.substring(valueStart, p);
                }
                map.put(name, value);
            }
            params = Params.own(map);
        }
        Map<String, String> headers = Collections.emptyMap();
        if (p < end && s.charAt(p) == '?') {
            LinkedHashMap<String, String> map = new LinkedHashMap<>(2);
            do {
                p++;
                int nameStart = p;
                p = scanEscaped(s, p, end, what, Chars.HNV);
                if (p == nameStart) {
                    throw fail(what, "empty URI header name");
                }
                String name = s.substring(nameStart, p);
                if (p >= end || s.charAt(p) != '=') {
                    throw fail(what, "URI header without '='");
                }
                p++;
                int valueStart = p;
                p = scanEscaped(s, p, end, what, Chars.HNV);
                map.put(name, s.substring(valueStart, p));
            } while (p < end && s.charAt(p) == '&');
            headers = Params.own(map);
        }
        if (p != end) {
            throw fail(what, "illegal character '" + Lexer.printable(s.charAt(p)) + "' in SIP URI");
        }
        return SipUri.parsed(secure, user, password, host, port, params, headers, s.substring(uriStart, end));
    }

    /**
     * Skips characters of {@code charClass} ({@link Chars#PARAM} or {@link Chars#HNV}) and
     * %-escapes (RFC 3261 §25.1 {@code escaped}); stops at the first other character.
     */
    private static int scanEscaped(String s, int p, int end, String what, int charClass) {
        while (p < end) {
            char c = s.charAt(p);
            if (c == '%') {
                checkEscape(s, p, end, what);
                p += 3;
            } else if (Chars.is(c, charClass)) {
                p++;
            } else {
                break;
            }
        }
        return p;
    }

    private static void checkEscape(String s, int p, int end, String what) {
        if (p + 2 >= end || !Chars.isHex(s.charAt(p + 1)) || !Chars.isHex(s.charAt(p + 2))) {
            throw fail(what, "invalid %-escape in URI");
        }
    }

    private static TelUri parseTel(String s, int p, int end, String what) {
        int numberStart = p;
        while (p < end && s.charAt(p) != ';') {
            char c = s.charAt(p);
            boolean ok = Chars.isHex(c) || c == '+' || c == '-' || c == '.' || c == '(' || c == ')' || c == '*' || c == '#';
            if (!ok) {
                throw fail(what, "illegal character in tel number");
            }
            p++;
        }
        if (p == numberStart || (p == numberStart + 1 && s.charAt(numberStart) == '+')) {
            throw fail(what, "empty tel number");
        }
        String number = s.substring(numberStart, p);
        LinkedHashMap<String, String> params = new LinkedHashMap<>();
        while (p < end && s.charAt(p) == ';') {
            p++;
            int nameStart = p;
            p = scanEscaped(s, p, end, what, Chars.PARAM);
            if (p == nameStart) {
                throw fail(what, "empty tel parameter name");
            }
            String name = s.substring(nameStart, p);
            String value = null;
            if (p < end && s.charAt(p) == '=') {
                p++;
                int valueStart = p;
                p = scanEscaped(s, p, end, what, Chars.PARAM);
                value = s.substring(valueStart, p);
            }
            params.put(name, value);
        }
        if (p != end) {
            throw fail(what, "illegal character in tel URI");
        }
        return new TelUri(number, params);
    }

    /** Hostname or IPv4 address: labels of alphanumerics and '-', separated by single dots. */
    public static boolean isHostname(String host) {
        int n = host.length();
        if (n == 0 || n > 255 || host.charAt(0) == '.' || host.charAt(0) == '-') {
            return false;
        }
        char prev = 0;
        for (int i = 0; i < n; i++) {
            char c = host.charAt(i);
            if (!Chars.isHost(c) || (c == '.' && prev == '.')) {
                return false;
            }
            prev = c;
        }
        return true;
    }

    /** Dotted-quad IPv4 address with every octet in 0-255. */
    public static boolean isIpv4(String s, int start, int end) {
        int parts = 0;
        int p = start;
        while (p <= end && parts < 4) {
            int digits = 0;
            int value = 0;
            while (p < end && Chars.isDigit(s.charAt(p)) && digits < 4) {
                value = value * 10 + s.charAt(p) - '0';
                p++;
                digits++;
            }
            if (digits == 0 || digits > 3 || value > 255) {
                return false;
            }
            parts++;
            if (p == end) {
                return parts == 4;
            }
            if (s.charAt(p) != '.') {
                return false;
            }
            p++;
        }
        return false;
    }

    /** RFC 4291 §2.2 text form (as corrected for SIP by RFC 5954): at most one "::", optional IPv4 tail. */
    public static boolean isIpv6(String s, int start, int end) {
        if (end - start < 2) {
            return false;
        }
        int groups = 0;
        boolean compressed = false;
        int p = start;
        if (s.charAt(p) == ':') {
            if (s.charAt(p + 1) != ':') {
                return false;
            }
            compressed = true;
            p += 2;
            if (p == end) {
                return true;
            }
        }
        while (p < end && groups <= 8) {
            int q = p;
            while (q < end && Chars.isHex(s.charAt(q)) && q - p <= 4) {
                q++;
            }
            if (q < end && s.charAt(q) == '.') {
                if (!isIpv4(s, p, end)) {
                    return false;
                }
                groups += 2;
                p = end;
                break;
            }
            int digits = q - p;
            if (digits < 1 || digits > 4) {
                return false;
            }
            groups++;
            p = q;
            if (p == end) {
                break;
            }
            if (s.charAt(p) != ':') {
                return false;
            }
            p++;
            if (p == end) {
                return false;
            }
            if (s.charAt(p) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                p++;
                if (p == end) {
                    break;
                }
            }
        }
        if (p != end) {
            return false;
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    /** Decodes %HH escapes as UTF-8 byte sequences; an invalid escape is kept literally. */
    public static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Chars.isHex(s.charAt(i + 1)) && Chars.isHex(s.charAt(i + 2))) {
                pending.write(Chars.hexValue(s.charAt(i + 1)) * 16 + Chars.hexValue(s.charAt(i + 2)));
                i += 2;
                continue;
            }
            if (pending.size() > 0) {
                out.append(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
            }
            out.append(c);
        }
        if (pending.size() > 0) {
            out.append(pending.toString(StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** Escapes a user part: unreserved and user-unreserved characters stay, others become %HH (UTF-8). */
    public static String escapeUser(String user) {
        StringBuilder b = new StringBuilder(user.length());
        for (byte x : user.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c < 128 && Chars.isUser(c)) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }

    private static MalformedHeaderException fail(String what, String problem) {
        return new MalformedHeaderException("Bad " + what + ": " + problem);
    }
}
