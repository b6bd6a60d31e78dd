package org.strowger.sip.message.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.strowger.sip.message.api.AuthHeader;
import org.strowger.sip.message.api.CSeq;
import org.strowger.sip.message.api.EventHeader;
import org.strowger.sip.message.api.MalformedHeaderException;
import org.strowger.sip.message.api.MediaType;
import org.strowger.sip.message.api.RAck;
import org.strowger.sip.message.api.Replaces;
import org.strowger.sip.message.api.SessionExpires;
import org.strowger.sip.message.api.SipMethod;

/** Parsers of the small typed header values (RFC 3261 §20, §25.1 and the extension RFCs cited). */
public final class HeaderValues {
    /** RFC 3261 §8.1.1.5: the CSeq number MUST be less than 2^31. */
    public static final long MAX_CSEQ = (1L << 31) - 1;

    private HeaderValues() {
    }

    /** CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16). */
    public static CSeq cseq(String value) {
        Lexer lx = new Lexer(value, "CSeq");
        lx.skipWs();
        long seq = lx.number("sequence number", MAX_CSEQ);
        int before = lx.pos();
        lx.skipWs();
        if (lx.pos() == before) {
            throw lx.fail("expected whitespace before method");
        }
        String method = lx.token("method");
        lx.expectEnd();
        return new CSeq(seq, SipMethod.valueOf(method));
    }

    /** Call-ID = word [ "@" word ] (RFC 3261 §20.8). */
    public static String callId(String value) {
        int n = value.length();
        if (n == 0) {
            throw new MalformedHeaderException("Bad Call-ID: empty");
        }
        int at = -1;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '@') {
                if (at >= 0 || i == 0 || i == n - 1) {
                    throw new MalformedHeaderException("Bad Call-ID: misplaced '@'");
                }
                at = i;
            } else if (!Chars.isWord(c)) {
                throw new MalformedHeaderException("Bad Call-ID: illegal character '" + Lexer.printable(c) + "'");
            }
        }
        return value;
    }

    /** A non-negative integer header (delta-seconds, Max-Forwards, Content-Length, RSeq...). */
    public static long number(String value, String what, long max) {
        Lexer lx = new Lexer(value, what);
        lx.skipWs();
        if (lx.peek() == '-') {
            throw lx.fail("negative value");
        }
        long v = lx.number("a number", max);
        lx.expectEnd();
        return v;
    }

    /** Content-Type / Accept element: m-type SLASH m-subtype *(SEMI m-parameter) (RFC 3261 §20.15). */
    public static MediaType mediaType(String value, String what) {
        Lexer lx = new Lexer(value, what);
        lx.skipWs();
        String type = lx.token("media type");
        lx.expect('/', "expected '/' in media type");
        String subtype = lx.token("media subtype");
        Map<String, String> params = Params.parseGeneric(lx, false);
        lx.expectEnd();
        return new MediaType(type, subtype, params);
    }

    /**
     * challenge / credentials = auth-scheme LWS auth-param *(COMMA auth-param) (RFC 3261 §25.1);
     * also accepts a scheme alone and a token68-style value (kept as param "" for unknown schemes).
     */
    public static AuthHeader auth(String value, String what) {
        Lexer lx = new Lexer(value, what);
        lx.skipWs();
        String scheme = lx.token("auth scheme");
        LinkedHashMap<String, String> params = new LinkedHashMap<>();
        Set<String> quoted = new HashSet<>();
        lx.skipWs();
        int guard = 0;
        while (!lx.atEnd() && guard++ < 1000) {
            String name = lx.token("auth-param name").toLowerCase(Locale.ROOT);
            lx.expect('=', "expected '=' after auth-param " + Params.safe(name));
            String v;
            if (lx.peek() == '"') {
                v = lx.quotedString();
                quoted.add(name);
            } else {
                int start = lx.pos();
                while (!lx.atEnd() && lx.peek() != ',' && !Chars.isWsp(lx.peek())) {
                    lx.next();
                }
                if (lx.pos() == start) {
                    throw lx.fail("empty value of auth-param " + Params.safe(name));
                }
                v = value.substring(start, lx.pos());
            }
            params.put(name, v);
            lx.skipWs();
            if (lx.atEnd()) {
                break;
            }
            lx.expect(',', "expected ',' between auth-params");
        }
        return new AuthHeader(scheme, params, quoted);
    }

    /** RAck = response-num LWS CSeq-num LWS Method (RFC 3262 §7.2). */
    public static RAck rack(String value) {
        Lexer lx = new Lexer(value, "RAck");
        lx.skipWs();
        long rseq = lx.number("response-num", 4294967295L);
        lx.skipWs();
        long cseq = lx.number("CSeq-num", MAX_CSEQ);
        lx.skipWs();
        String method = lx.token("method");
        lx.expectEnd();
        return new RAck(rseq, cseq, SipMethod.valueOf(method));
    }

    /** Session-Expires = delta-seconds *(SEMI se-params), se-params = refresher-param / generic-param (RFC 4028 §4). */
    public static SessionExpires sessionExpires(String value) {
        Lexer lx = new Lexer(value, "Session-Expires");
        lx.skipWs();
        long seconds = lx.number("delta-seconds", 4294967295L);
        Map<String, String> params = Params.parseGeneric(lx, false);
        lx.expectEnd();
        String refresher = Params.get(params, "refresher");
        if (refresher != null) {
            refresher = refresher.toLowerCase(Locale.ROOT);
            if (!refresher.equals("uac") && !refresher.equals("uas")) {
                throw lx.fail("refresher must be uac or uas");
            }
        }
        return new SessionExpires(seconds, refresher, params);
    }

    /** Event = event-type *( SEMI event-param ) (RFC 6665 §8.2.1). */
    public static EventHeader event(String value) {
        Lexer lx = new Lexer(value, "Event");
        lx.skipWs();
        String pkg = lx.token("event package");
        Map<String, String> params = Params.parseGeneric(lx, false);
        lx.expectEnd();
        return new EventHeader(pkg, Params.get(params, "id"), params);
    }

    /** Replaces = callid *(SEMI replaces-param) with to-tag, from-tag, early-only (RFC 3891 §6.1). */
    public static Replaces replaces(String value) {
        int semi = value.indexOf(';');
        String callId = callId((semi < 0 ? value : value.substring(0, semi)).trim());
        Lexer lx = new Lexer(value, semi < 0 ? value.length() : semi, value.length(), "Replaces");
        Map<String, String> params = Params.parseGeneric(lx, false);
        lx.expectEnd();
        String toTag = Params.get(params, "to-tag");
        String fromTag = Params.get(params, "from-tag");
        if (toTag == null || fromTag == null) {
            throw lx.fail("to-tag and from-tag are required");
        }
        return new Replaces(callId, toTag, fromTag, Params.has(params, "early-only"));
    }

    /** A single token, e.g. an option tag of Require/Supported/Unsupported (RFC 3261 §20.32). */
    public static String token(String value, String what) {
        if (!Chars.isToken(value)) {
            throw new MalformedHeaderException("Bad " + what + ": not a token");
        }
        return value;
    }
}
