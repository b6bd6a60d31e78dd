package org.strowger.sip.message.internal;

import java.util.Map;
import org.strowger.sip.message.api.Via;

/**
 * via-parm (RFC 3261 §25.1): {@code sent-protocol LWS sent-by *( SEMI via-params )} where
 * sent-protocol = protocol-name SLASH protocol-version SLASH transport and SLASH, COLON, SEMI and
 * EQUAL allow surrounding whitespace (RFC 4475 §3.1.1.1 "wsinv"). received may carry an IPv6
 * address with or without brackets (RFC 5118 §4.5).
 */
public final class ViaParser {
    private ViaParser() {
    }

    /**
     * Parses one via-parm. In lenient mode (used only to route an error response) malformed
     * parameters are dropped; sent-protocol and sent-by must still be valid.
     */
    public static Via parse(String value, boolean lenient) {
        return parse(new Lexer(value, "Via"), lenient, true);
    }

    static Via parse(Lexer lx, boolean lenient, boolean wholeValue) {
        lx.skipWs();
        String name = lx.token("protocol name");
        lx.expect('/', "expected '/' after protocol name");
        String version = lx.token("protocol version");
        lx.expect('/', "expected '/' after protocol version");
        String transport = lx.token("transport");
        int before = lx.pos();
        lx.skipWs();
        if (lx.pos() == before) {
            throw lx.fail("expected whitespace before sent-by");
        }
        String s = lx.source();
        int start = lx.pos();
        String host;
        if (lx.peek() == '[') {
            int close = s.indexOf(']', start);
            if (close < 0 || close >= lx.end() || !UriParser.isIpv6(s, start + 1, close)) {
                throw lx.fail("invalid IPv6 reference in sent-by");
            }
            lx.pos(close + 1);
            host = s.substring(start, close + 1);
        } else {
            int p = start;
            while (p < lx.end() && Chars.isHost(s.charAt(p))) {
                p++;
            }
            host = s.substring(start, p);
            if (!UriParser.isHostname(host)) {
                throw lx.fail(p == start ? "missing sent-by host" : "invalid sent-by host");
            }
            lx.pos(p);
        }
        int port = -1;
        if (lx.consume(':')) {
            port = (int) lx.number("sent-by port", 65535);
        }
        Map<String, String> params = Params.parseGeneric(lx, lenient);
        if (wholeValue && !lenient) {
            lx.expectEnd();
        }
        if (!lenient) {
            String ttl = Params.get(params, "ttl");
            if (ttl != null && !isNumber(ttl, 255)) {
                throw lx.fail("ttl must be 0-255");
            }
            String rport = Params.get(params, "rport");
            if (rport != null && !isNumber(rport, 65535)) {
                throw lx.fail("rport must be a port number");
            }
        }
        return new Via(name, version, transport, host, port, params);
    }

    private static boolean isNumber(String v, int max) {
        if (v.isEmpty() || v.length() > 5) {
            return false;
        }
        int value = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!Chars.isDigit(c)) {
                return false;
            }
            value = value * 10 + c - '0';
        }
        return value <= max;
    }
}
