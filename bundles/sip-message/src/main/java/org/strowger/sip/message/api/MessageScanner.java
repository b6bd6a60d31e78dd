package org.strowger.sip.message.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.strowger.sip.message.internal.AddressParser;
import org.strowger.sip.message.internal.Chars;
import org.strowger.sip.message.internal.HeaderTable;
import org.strowger.sip.message.internal.HeaderValues;
import org.strowger.sip.message.internal.ListSplitter;
import org.strowger.sip.message.internal.Params;
import org.strowger.sip.message.internal.UriParser;
import org.strowger.sip.message.internal.ViaParser;

/**
 * The byte scanner behind {@link SipParser}: one instance per parse. Splits the start line and header
 * fields (CRLF or bare LF line ends, folding with CRLF + WSP replaced by one SP, RFC 3261 §7.3.1),
 * enforces the limits, eagerly validates what a server needs before anything else sees the
 * message (start line, Request-URI, Via, From, To, Call-ID, CSeq, Max-Forwards, Content-Length,
 * Contact), then frames the body. After the first problem it keeps collecting header fields so the
 * error response can copy Via, From, To, Call-ID and CSeq.
 */
final class MessageScanner {
    private static final int CR = '\r';
    private static final int LF = '\n';

    private final SipCodecConfig config;
    private final byte[] b;
    private final int start;
    private final int end;

    private int failStatus;
    private String failReason;
    private boolean looksLikeRequest = true;
    /** The start line begins with the ACK method (case-sensitive, RFC 3261 §7.1): never answered. */
    private boolean ack;
    private final ArrayList<SipHeader> headers = new ArrayList<>(16);

    private SipMethod method;
    private Uri requestUri;
    private int statusCode;
    private String reason;

    MessageScanner(SipCodecConfig config, byte[] data, int offset, int length) {
        this.config = config;
        this.b = data;
        this.start = offset;
        this.end = offset + length;
    }

    private void fail(int status, String why) {
        if (failReason == null) {
            failStatus = status;
            failReason = why;
        }
    }

    private boolean failed() {
        return failReason != null;
    }

    private ParseResult failure() {
        return ParseResult.failure(new ParseFailure(failStatus, failReason, looksLikeRequest, headers, ack));
    }

    ParseResult scan() {
        int p = start;
        int guard = 0;
        while (p < end && (b[p] == CR || b[p] == LF) && guard++ < 1_000_000) {
            p++; // RFC 3261 §7.5: ignore CRLF before the start line
        }
        if (p >= end) {
            looksLikeRequest = false;
            fail(StatusCodes.BAD_REQUEST, "Empty message");
            return failure();
        }
        int scanEnd = end;
        if (end - start > config.maxMessageSize()) {
            fail(StatusCodes.MESSAGE_TOO_LARGE, "Message Too Large: " + (end - start)
                    + " bytes exceed maxMessageSize " + config.maxMessageSize());
            scanEnd = start + config.maxMessageSize();
        }
        p = startLine(p, scanEnd);
        int bodyStart = headerSection(p, scanEnd);
        if (failed()) {
            return failure();
        }
        SipMessage message = looksLikeRequest ? new SipRequest(method, requestUri) : new SipResponse(statusCode, reason);
        message.adoptHeaders(headers);
        validate(message);
        if (failed()) {
            return failure();
        }
        frameBody(message, bodyStart);
        if (failed()) {
            return failure();
        }
        return ParseResult.success(message);
    }

    // ------------------------------------------------------------------ start line

    private int startLine(int p, int scanEnd) {
        int lineEnd = p;
        while (lineEnd < scanEnd && b[lineEnd] != LF && b[lineEnd] != CR) {
            lineEnd++;
        }
        int next = lineEnd;
        if (next < scanEnd && b[next] == CR) {
            next++;
        }
        if (next < scanEnd && b[next] == LF) {
            next++;
        }
        looksLikeRequest = !startsWithIgnoreCase(p, lineEnd, "SIP/");
        ack = lineEnd - p >= 4 && b[p] == 'A' && b[p + 1] == 'C' && b[p + 2] == 'K' && b[p + 3] == ' ';
        if (lineEnd - p > config.maxLineLength()) {
            fail(looksLikeRequest ? StatusCodes.REQUEST_URI_TOO_LONG : StatusCodes.MESSAGE_TOO_LARGE,
                    "Start line longer than maxLineLength " + config.maxLineLength());
            return next;
        }
        if (lineEnd >= scanEnd) {
            fail(StatusCodes.BAD_REQUEST, "Message ends in the start line");
            return next;
        }
        for (int i = p; i < lineEnd; i++) {
            int c = b[i];
            if ((c >= 0 && c < 0x20 && c != '\t') || c == 0x7f) {
                fail(StatusCodes.BAD_REQUEST, "Control character in start line");
                return next;
            }
        }
        if (looksLikeRequest) {
            requestLine(p, lineEnd);
        } else {
            statusLine(p, lineEnd);
        }
        return next;
    }

    private void requestLine(int p, int lineEnd) {
        int sp1 = indexOf(p, lineEnd, ' ');
        if (sp1 < 0) {
            fail(StatusCodes.BAD_REQUEST, "Bad request line: expected Method SP Request-URI SP SIP-Version");
            return;
        }
        for (int i = p; i < sp1; i++) {
            if (!Chars.isToken(b[i])) {
                fail(StatusCodes.BAD_REQUEST, "Bad request line: method is not a token");
                return;
            }
        }
        if (sp1 == p) {
            fail(StatusCodes.BAD_REQUEST, "Bad request line: missing method");
            return;
        }
        int sp2 = indexOf(sp1 + 1, lineEnd, ' ');
        if (sp2 < 0) {
            fail(StatusCodes.BAD_REQUEST, "Bad request line: missing SIP-Version");
            return;
        }
        if (sp2 == sp1 + 1) {
            fail(StatusCodes.BAD_REQUEST, "Bad request line: more than one SP between elements");
            return;
        }
        if (indexOf(sp2 + 1, lineEnd, ' ') >= 0 || indexOf(sp2 + 1, lineEnd, '\t') >= 0) {
            fail(StatusCodes.BAD_REQUEST, "Bad request line: whitespace inside the Request-URI or after the SIP-Version");
            return;
        }
        if (!version(sp2 + 1, lineEnd)) {
            return;
        }
        method = knownMethod(p, sp1);
        if (method == null) {
            method = SipMethod.valueOf(new String(b, p, sp1 - p, StandardCharsets.ISO_8859_1));
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            if (b[i] < 0 || b[i] == '\t') {
                fail(StatusCodes.BAD_REQUEST, "Bad Request-URI: illegal character");
                return;
            }
        }
        String uriText = new String(b, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.ISO_8859_1);
        try {
            requestUri = UriParser.parse(uriText, 0, uriText.length(), "Request-URI");
        } catch (MalformedHeaderException e) {
            fail(StatusCodes.BAD_REQUEST, e.getMessage());
            return;
        }
        if (requestUri instanceof SipUri sip && !sip.headers().isEmpty()) {
            fail(StatusCodes.BAD_REQUEST, "Bad Request-URI: headers are not allowed in a Request-URI (RFC 3261 section 19.1.1)");
        }
    }

    private static final SipMethod[] KNOWN = {
        SipMethod.INVITE, SipMethod.ACK, SipMethod.BYE, SipMethod.CANCEL, SipMethod.OPTIONS, SipMethod.REGISTER,
        SipMethod.PRACK, SipMethod.SUBSCRIBE, SipMethod.NOTIFY, SipMethod.PUBLISH, SipMethod.INFO, SipMethod.REFER,
        SipMethod.MESSAGE, SipMethod.UPDATE,
    };

    private SipMethod knownMethod(int from, int to) {
        int len = to - from;
        outer:
        for (SipMethod m : KNOWN) {
            String name = m.name();
            if (name.length() != len) {
                continue;
            }
            for (int i = 0; i < len; i++) {
                if (b[from + i] != name.charAt(i)) {
                    continue outer;
                }
            }
            return m;
        }
        return null;
    }

    /** SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; only 2.0 is supported (505 otherwise, RFC 3261 §21.5.6). */
    private boolean version(int p, int to) {
        if (to - p == 7 && startsWithIgnoreCase(p, to, "SIP/2.0")) {
            return true;
        }
        if (startsWithIgnoreCase(p, to, "SIP/")) {
            int i = p + 4;
            int major = 0;
            while (i < to && Chars.isDigit(b[i])) {
                i++;
                major++;
            }
            if (major > 0 && i < to && b[i] == '.') {
                i++;
                int minor = 0;
                while (i < to && Chars.isDigit(b[i])) {
                    i++;
                    minor++;
                }
                if (minor > 0 && i == to) {
                    fail(StatusCodes.VERSION_NOT_SUPPORTED, "Version Not Supported: "
                            + new String(b, p, Math.min(to - p, 20), StandardCharsets.ISO_8859_1) + " (only SIP/2.0)");
                    return false;
                }
            }
        }
        fail(StatusCodes.BAD_REQUEST, "Bad start line: malformed SIP-Version");
        return false;
    }

    private void statusLine(int p, int lineEnd) {
        int sp1 = indexOf(p, lineEnd, ' ');
        if (sp1 < 0) {
            fail(StatusCodes.BAD_REQUEST, "Bad status line: expected SIP-Version SP Status-Code SP Reason-Phrase");
            return;
        }
        if (!version(p, sp1)) {
            return;
        }
        int i = sp1 + 1;
        int code = 0;
        int digits = 0;
        while (i < lineEnd && Chars.isDigit(b[i]) && digits < 4) {
            code = code * 10 + b[i] - '0';
            i++;
            digits++;
        }
        if (digits != 3 || (i < lineEnd && b[i] != ' ')) {
            fail(StatusCodes.BAD_REQUEST, "Bad status line: Status-Code must be 3 digits");
            return;
        }
        if (code < 100 || code > 699) {
            fail(StatusCodes.BAD_REQUEST, "Bad status line: Status-Code " + code + " outside 100-699");
            return;
        }
        statusCode = code;
        reason = i < lineEnd ? decode(i + 1, lineEnd) : "";
    }

    // ------------------------------------------------------------------ headers

    /** Returns the offset of the body (after the empty line). */
    private int headerSection(int p, int scanEnd) {
        int count = 0;
        while (true) {
            if (p >= scanEnd) {
                if (count > 0 && b[p - 1] == LF) {
                    // the input ends right after a complete header line: tolerate a missing empty
                    // line (RFC 4475 "baddn" is archived without it); the body is empty
                    return p;
                }
                fail(StatusCodes.BAD_REQUEST, "Message ends before the empty line that ends the header section");
                return p;
            }
            if (b[p] == CR && p + 1 < scanEnd && b[p + 1] == LF) {
                return p + 2;
            }
            if (b[p] == LF) {
                return p + 1;
            }
            if (++count > config.maxHeaderCount()) {
                fail(StatusCodes.MESSAGE_TOO_LARGE, "Message Too Large: more than maxHeaderCount "
                        + config.maxHeaderCount() + " header fields");
                return p;
            }
            int next = headerField(p, scanEnd);
            if (next < 0) {
                return p;
            }
            p = next;
        }
    }

    /** Parses one (possibly folded) header field at p; returns the offset after it, or -1 to stop. */
    private int headerField(int p, int scanEnd) {
        int nameStart = p;
        while (p < scanEnd && Chars.isToken(b[p])) {
            p++;
        }
        int nameEnd = p;
        while (p < scanEnd && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        if (nameEnd == nameStart || p >= scanEnd || b[p] != ':') {
            fail(StatusCodes.BAD_REQUEST, nameEnd == nameStart
                    ? "Malformed header field: line does not start with a header name"
                    : "Malformed header field: missing ':' after " + safeName(nameStart, nameEnd));
            return skipLine(p, scanEnd);
        }
        p++;
        int valueStart = p;
        boolean folded = false;
        boolean high = false;
        int valueEnd;
        while (true) {
            while (p < scanEnd && b[p] != CR && b[p] != LF) {
                int c = b[p];
                if (c < 0) {
                    high = true;
                } else if (((c < 0x20 && c != '\t') || c == 0x7f) && b[p - 1] != '\\') {
                    // controls are legal only as a quoted-pair (RFC 3261 §25.1; RFC 4475 §3.1.1.2 "intmeth")
                    fail(StatusCodes.BAD_REQUEST, "Control character in header field " + safeName(nameStart, nameEnd));
                    return -1;
                }
                p++;
            }
            if (p - nameStart > config.maxLineLength()) {
                // the limit covers the whole field with its continuation lines, as it is one line once unfolded
                fail(StatusCodes.MESSAGE_TOO_LARGE, "Message Too Large: header field longer than maxLineLength "
                        + config.maxLineLength());
                return -1;
            }
            if (p >= scanEnd) {
                fail(StatusCodes.BAD_REQUEST, "Message ends before the empty line that ends the header section");
                return -1;
            }
            valueEnd = p;
            if (b[p] == CR) {
                if (p + 1 >= scanEnd || b[p + 1] != LF) {
                    fail(StatusCodes.BAD_REQUEST, "Bare CR in header field " + safeName(nameStart, nameEnd));
                    return -1;
                }
                p += 2;
            } else {
                p++;
            }
            if (p < scanEnd && (b[p] == ' ' || b[p] == '\t')) {
                folded = true; // RFC 3261 §7.3.1 line folding: continuation line
                continue;
            }
            break;
        }
        String name = HeaderTable.lookup(b, nameStart, nameEnd - nameStart);
        if (name == null) {
            name = new String(b, nameStart, nameEnd - nameStart, StandardCharsets.ISO_8859_1);
        }
        String value = folded ? unfold(valueStart, valueEnd, high) : trimmed(valueStart, valueEnd, high);
        headers.add(new SipHeader(name, value));
        return p;
    }

    private int skipLine(int p, int scanEnd) {
        while (p < scanEnd && b[p] != LF) {
            p++;
        }
        return p < scanEnd ? p + 1 : -1;
    }

    private String trimmed(int from, int to, boolean high) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        return high ? new String(b, from, to - from, StandardCharsets.UTF_8)
                : new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Replaces each [WSP] CRLF 1*WSP run by a single SP (RFC 3261 §7.3.1), then trims. */
    private String unfold(int from, int to, boolean high) {
        byte[] out = new byte[to - from];
        int n = 0;
        int i = from;
        while (i < to) {
            int c = b[i];
            if (c == CR || c == LF) {
                while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t')) {
                    n--;
                }
                while (i < to && (b[i] == CR || b[i] == LF || b[i] == ' ' || b[i] == '\t')) {
                    i++;
                }
                out[n++] = ' ';
                continue;
            }
            out[n++] = (byte) c;
            i++;
        }
        int s = 0;
        while (s < n && (out[s] == ' ' || out[s] == '\t')) {
            s++;
        }
        while (n > s && (out[n - 1] == ' ' || out[n - 1] == '\t')) {
            n--;
        }
        return new String(out, s, n - s, high ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ validation

    private void validate(SipMessage m) {
        int vias = 0;
        int from = 0;
        int to = 0;
        int callId = 0;
        int cseq = 0;
        int maxForwards = 0;
        int contentLength = 0;
        int contentType = 0;
        for (int i = 0, n = headers.size(); i < n; i++) {
            String name = headers.get(i).name();
            // known names are interned constants from HeaderTable, so identity comparison suffices
            if (name == HeaderNames.VIA) {
                vias++;
            } else if (name == HeaderNames.FROM) {
                from++;
            } else if (name == HeaderNames.TO) {
                to++;
            } else if (name == HeaderNames.CALL_ID) {
                callId++;
            } else if (name == HeaderNames.CSEQ) {
                cseq++;
            } else if (name == HeaderNames.MAX_FORWARDS) {
                maxForwards++;
            } else if (name == HeaderNames.CONTENT_LENGTH) {
                contentLength++;
            } else if (name == HeaderNames.CONTENT_TYPE) {
                contentType++;
            }
        }
        if (single(HeaderNames.CALL_ID, callId) && single(HeaderNames.CSEQ, cseq) && single(HeaderNames.FROM, from)
                && single(HeaderNames.TO, to) && single(HeaderNames.MAX_FORWARDS, maxForwards)
                && single(HeaderNames.CONTENT_LENGTH, contentLength) && single(HeaderNames.CONTENT_TYPE, contentType)
                && required(HeaderNames.VIA, vias) && required(HeaderNames.FROM, from) && required(HeaderNames.TO, to)
                && required(HeaderNames.CALL_ID, callId) && required(HeaderNames.CSEQ, cseq)) {
            try {
                typedChecks(m);
            } catch (MalformedHeaderException e) {
                fail(StatusCodes.BAD_REQUEST, e.getMessage());
            }
        }
    }

    private boolean single(String name, int count) {
        if (count > 1) {
            fail(StatusCodes.BAD_REQUEST, "Multiple " + name + " header fields");
            return false;
        }
        return true;
    }

    private boolean required(String name, int count) {
        if (count == 0) {
            fail(StatusCodes.BAD_REQUEST, "Missing " + name + " header field");
            return false;
        }
        return true;
    }

    private void typedChecks(SipMessage m) {
        HeaderValues.callId(m.callId());
        CSeq cseq = m.cseq();
        if (m instanceof SipRequest request && !cseq.method().equals(request.method())) {
            if (!request.method().isKnown()) {
                fail(StatusCodes.NOT_IMPLEMENTED, "Not Implemented: method " + safe(request.method().name())
                        + " (and CSeq method " + safe(cseq.method().name()) + " does not match it)");
            } else {
                fail(StatusCodes.BAD_REQUEST, "Bad CSeq: method " + safe(cseq.method().name())
                        + " does not match request method " + request.method().name());
            }
            return;
        }
        List<Via> vias = new ArrayList<>(2);
        for (SipHeader h : headers) {
            if (h.name() == HeaderNames.VIA) {
                String v = h.value();
                if (v.indexOf(',') < 0) {
                    vias.add(ViaParser.parse(v, false));
                } else {
                    for (String element : ListSplitter.split(v)) {
                        if (element.isEmpty()) {
                            throw new MalformedHeaderException("Bad Via: empty value in list");
                        }
                        vias.add(ViaParser.parse(element, false));
                    }
                }
            }
        }
        m.cacheTyped(HeaderNames.VIA, Collections.unmodifiableList(vias));
        m.from();
        m.to();
        m.maxForwards();
        contacts(m);
    }

    private static String safe(String s) {
        return Params.safe(s);
    }

    private void contacts(SipMessage m) {
        List<NameAddr> contacts = null;
        boolean wildcard = false;
        for (SipHeader h : headers) {
            if (h.name() != HeaderNames.CONTACT) {
                continue;
            }
            for (String element : ListSplitter.split(h.value())) {
                if (element.equals("*")) {
                    wildcard = true;
                    continue;
                }
                if (element.isEmpty()) {
                    throw new MalformedHeaderException("Bad Contact: empty value in list");
                }
                if (contacts == null) {
                    contacts = new ArrayList<>(2);
                }
                contacts.add(AddressParser.parse(element, HeaderNames.CONTACT));
            }
        }
        if (wildcard && contacts != null) {
            throw new MalformedHeaderException("Bad Contact: '*' must be the only Contact value");
        }
        m.cacheTyped(HeaderNames.CONTACT, contacts == null ? List.of() : Collections.unmodifiableList(contacts));
    }

    // ------------------------------------------------------------------ body

    private void frameBody(SipMessage m, int bodyStart) {
        int available = end - bodyStart;
        String cl = null;
        for (SipHeader h : headers) {
            if (h.name() == HeaderNames.CONTENT_LENGTH) {
                cl = h.value();
                break;
            }
        }
        int length;
        if (cl != null) {
            long declared;
            try {
                declared = HeaderValues.number(cl, HeaderNames.CONTENT_LENGTH, Integer.MAX_VALUE);
            } catch (MalformedHeaderException e) {
                fail(StatusCodes.BAD_REQUEST, e.getMessage());
                return;
            }
            // RFC 3261 §18.3: a Content-Length larger than the body received is a 400 whatever the limit
            // (a datagram cannot carry more, and a stream framer only hands over complete frames)
            if (declared > available) {
                fail(StatusCodes.BAD_REQUEST, "Bad Content-Length: " + declared + " exceeds the " + available
                        + " body bytes received");
                return;
            }
            if (declared > config.maxBodySize()) {
                fail(StatusCodes.REQUEST_ENTITY_TOO_LARGE, "Request Entity Too Large: Content-Length " + declared
                        + " exceeds maxBodySize " + config.maxBodySize());
                return;
            }
            length = (int) declared; // extra bytes after the body are discarded (RFC 3261 §18.3)
        } else {
            if (available > config.maxBodySize()) {
                fail(StatusCodes.REQUEST_ENTITY_TOO_LARGE, "Request Entity Too Large: body of " + available
                        + " bytes exceeds maxBodySize " + config.maxBodySize());
                return;
            }
            length = available;
        }
        if (length > 0) {
            byte[] body = new byte[length];
            System.arraycopy(b, bodyStart, body, 0, length);
            m.adoptBody(body);
        }
    }

    // ------------------------------------------------------------------ helpers

    private int indexOf(int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private boolean startsWithIgnoreCase(int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            int x = b[from + i];
            int y = prefix.charAt(i);
            if (x != y && !(Chars.isAlpha(x) && (x | 0x20) == (y | 0x20))) {
                return false;
            }
        }
        return true;
    }

    private String decode(int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return new String(b, from, to - from, StandardCharsets.UTF_8);
            }
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private String safeName(int from, int to) {
        return Params.safe(
                new String(b, from, Math.min(to - from, 40), StandardCharsets.ISO_8859_1));
    }
}
