package org.strowger.sip.message.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.strowger.sip.message.internal.AddressParser;
import org.strowger.sip.message.internal.Chars;
import org.strowger.sip.message.internal.HeaderTable;
import org.strowger.sip.message.internal.HeaderValues;
import org.strowger.sip.message.internal.ListSplitter;
import org.strowger.sip.message.internal.ViaParser;

/**
 * A SIP request or response (RFC 3261 §7): start line, header fields in wire order (unknown ones
 * preserved) and body. Not thread-safe: a message is owned by one executor at a time.
 *
 * <p>Header names are case-insensitive and compact forms equal long names (§7.3.3). Known names are
 * stored in their canonical long form. Typed accessors parse on first use and cache; the headers a
 * server needs (Via, From, To, Call-ID, CSeq, Max-Forwards, Content-Length, Contact) are validated by
 * the parser, so on a parsed message their accessors never throw. Other typed accessors throw
 * {@link MalformedHeaderException} when the value is malformed; all return null (or an empty list)
 * when the header is absent.
 */
public abstract sealed class SipMessage permits SipRequest, SipResponse {
    private static final byte[] EMPTY = new byte[0];

    private static final Object ABSENT = new Object();
    private static final int SLOTS = 6;

    private ArrayList<SipHeader> headers;
    private byte[] body = EMPTY;
    /** Typed values of the hot headers (see {@link #slot}); null = not parsed yet, ABSENT = parsed null. */
    private final Object[] hot = new Object[SLOTS];
    private Map<String, Object> cache;

    SipMessage() {
        this.headers = new ArrayList<>(12);
    }

    public abstract boolean isRequest();

    /** The start line without CRLF. */
    public abstract String startLine();

    // ---------------------------------------------------------------- raw header access

    /**
     * The first value of a header: for list headers (Via, Contact, Route, ...) the first
     * comma-separated element; null when absent.
     */
    public String header(String name) {
        String canonical = HeaderTable.canonical(name);
        for (int i = 0, n = headers.size(); i < n; i++) {
            SipHeader h = headers.get(i);
            if (sameName(h.name(), canonical)) {
                String v = h.value();
                if (v.indexOf(',') >= 0 && HeaderTable.isList(canonical)) {
                    return ListSplitter.split(v).get(0);
                }
                return v;
            }
        }
        return null;
    }

    /** All values of a header in order; comma-separated lists split (not inside quotes or &lt;&gt;). */
    public List<String> headerValues(String name) {
        String canonical = HeaderTable.canonical(name);
        boolean list = HeaderTable.isList(canonical);
        List<String> out = new ArrayList<>(2);
        for (int i = 0, n = headers.size(); i < n; i++) {
            SipHeader h = headers.get(i);
            if (sameName(h.name(), canonical)) {
                String v = h.value();
                if (list && v.indexOf(',') >= 0) {
                    for (String element : ListSplitter.split(v)) {
                        if (!element.isEmpty()) {
                            out.add(element);
                        }
                    }
                } else {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** True when at least one field of that name is present. */
    public boolean hasHeader(String name) {
        String canonical = HeaderTable.canonical(name);
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (sameName(headers.get(i).name(), canonical)) {
                return true;
            }
        }
        return false;
    }

    /** The header fields in wire order (read-only view). */
    public List<SipHeader> headers() {
        return Collections.unmodifiableList(headers);
    }

    /** Appends a header field. @throws IllegalArgumentException for a non-token name or CR/LF in the value */
    public void addHeader(String name, String value) {
        SipHeader h = checked(name, value);
        headers.add(h);
        invalidate(h.name());
    }

    /** Inserts a header field before the first field of that name, or at the top when there is none. */
    public void prependHeader(String name, String value) {
        SipHeader h = checked(name, value);
        int index = indexOf(h.name());
        headers.add(index < 0 ? 0 : index, h);
        invalidate(h.name());
    }

    /** Replaces all fields of that name by one field at the position of the first (or appended). */
    public void setHeader(String name, String value) {
        SipHeader h = checked(name, value);
        int index = indexOf(h.name());
        removeAll(h.name());
        if (index < 0 || index > headers.size()) {
            headers.add(h);
        } else {
            headers.add(index, h);
        }
        invalidate(h.name());
    }

    public void removeHeader(String name) {
        String canonical = HeaderTable.canonical(name);
        removeAll(canonical);
        invalidate(canonical);
    }

    private void removeAll(String canonical) {
        headers.removeIf(h -> sameName(h.name(), canonical));
    }

    private int indexOf(String canonical) {
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (sameName(headers.get(i).name(), canonical)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameName(String a, String b) {
        return a == b || a.equalsIgnoreCase(b);
    }

    private static SipHeader checked(String name, String value) {
        if (name == null || !Chars.isToken(name)) {
            throw new IllegalArgumentException("header name must be a token: " + name);
        }
        if (value == null) {
            throw new IllegalArgumentException("header value must not be null: " + name);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("header value must not contain CR, LF or NUL: " + name);
            }
        }
        return new SipHeader(HeaderTable.canonical(name), value.strip());
    }

    /** Used by the parser: takes ownership of already validated fields. */
    void adoptHeaders(ArrayList<SipHeader> parsed) {
        this.headers = parsed;
        invalidate();
    }

    /** Used by the parser: caches a typed value it has already parsed. */
    void cacheTyped(String key, Object value) {
        int slot = slot(key);
        if (slot >= 0) {
            hot[slot] = value == null ? ABSENT : value;
            return;
        }
        if (cache == null) {
            cache = new HashMap<>(8);
        }
        cache.put(key, value);
    }

    private static int slot(String canonical) {
        return switch (canonical) {
            case HeaderNames.VIA -> 0;
            case HeaderNames.FROM -> 1;
            case HeaderNames.TO -> 2;
            case HeaderNames.CSEQ -> 3;
            case HeaderNames.MAX_FORWARDS -> 4;
            case HeaderNames.CONTACT -> 5;
            default -> -1;
        };
    }

    void adoptBody(byte[] parsedBody) {
        this.body = parsedBody;
    }

    private void invalidate() {
        java.util.Arrays.fill(hot, null);
        if (cache != null) {
            cache.clear();
        }
    }

    /**
     * Forgets the typed value of one header only: each typed accessor reads just its own header, so
     * editing Via (as the transport does to every request it receives, RFC 3261 §18.2.1) keeps the
     * From, To, CSeq and Contact the parser already validated and cached.
     */
    private void invalidate(String canonical) {
        int slot = slot(canonical);
        if (slot >= 0) {
            hot[slot] = null;
        } else if (cache != null) {
            cache.keySet().removeIf(k -> k.equalsIgnoreCase(canonical));
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T typed(String canonical, Function<SipMessage, T> parser) {
        int slot = slot(canonical);
        if (slot >= 0) {
            Object v = hot[slot];
            if (v != null) {
                return v == ABSENT ? null : (T) v;
            }
        } else if (cache != null && cache.containsKey(canonical)) {
            return (T) cache.get(canonical);
        }
        T value = parser.apply(this);
        cacheTyped(canonical, value);
        return value;
    }

    private String single(String canonical) {
        for (int i = 0, n = headers.size(); i < n; i++) {
            SipHeader h = headers.get(i);
            if (sameName(h.name(), canonical)) {
                return h.value();
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- mandatory headers

    /** All Via values, top first (RFC 3261 §20.42). */
    public List<Via> vias() {
        return typed(HeaderNames.VIA, m -> {
            List<Via> vias = new ArrayList<>(2);
            for (String v : m.headerValues(HeaderNames.VIA)) {
                vias.add(ViaParser.parse(v, false));
            }
            return Collections.unmodifiableList(vias);
        });
    }

    /** The top Via, or null when there is none. */
    public Via topVia() {
        List<Via> vias = vias();
        return vias.isEmpty() ? null : vias.get(0);
    }

    /**
     * Replaces the first Via value (keeping any further values of the same field), e.g. to add
     * received and rport (RFC 3261 §18.2.1, RFC 3581 §4); adds a Via at the top when there is none.
     */
    public void setTopVia(Via via) {
        int index = indexOf(HeaderNames.VIA);
        if (index < 0) {
            prependHeader(HeaderNames.VIA, via.toString());
            return;
        }
        String value = headers.get(index).value();
        String replaced = via.toString();
        if (value.indexOf(',') >= 0) {
            List<String> elements = ListSplitter.split(value);
            if (elements.size() > 1) {
                replaced = replaced + ", " + String.join(", ", elements.subList(1, elements.size()));
            }
        }
        headers.set(index, new SipHeader(HeaderNames.VIA, replaced));
        invalidate(HeaderNames.VIA);
    }

    /** Removes the top Via value (a proxy forwarding a response, RFC 3261 §16.7 step 3). */
    public Via removeTopVia() {
        int index = indexOf(HeaderNames.VIA);
        if (index < 0) {
            return null;
        }
        Via top = topVia();
        List<String> elements = ListSplitter.split(headers.get(index).value());
        if (elements.size() > 1) {
            headers.set(index, new SipHeader(HeaderNames.VIA, String.join(", ", elements.subList(1, elements.size()))));
        } else {
            headers.remove(index);
        }
        invalidate(HeaderNames.VIA);
        return top;
    }

    /** The Call-ID (RFC 3261 §20.8), or null. */
    public String callId() {
        return single(HeaderNames.CALL_ID);
    }

    /** The CSeq (RFC 3261 §20.16), or null. */
    public CSeq cseq() {
        return typed(HeaderNames.CSEQ, m -> {
            String v = m.single(HeaderNames.CSEQ);
            return v == null ? null : HeaderValues.cseq(v);
        });
    }

    /** The From header (RFC 3261 §20.20), or null. */
    public NameAddr from() {
        return typed(HeaderNames.FROM, m -> {
            String v = m.single(HeaderNames.FROM);
            return v == null ? null : AddressParser.parse(v, HeaderNames.FROM);
        });
    }

    /** The To header (RFC 3261 §20.39), or null. */
    public NameAddr to() {
        return typed(HeaderNames.TO, m -> {
            String v = m.single(HeaderNames.TO);
            return v == null ? null : AddressParser.parse(v, HeaderNames.TO);
        });
    }

    /** Max-Forwards (RFC 3261 §20.22), or null when absent. */
    public Integer maxForwards() {
        return typed(HeaderNames.MAX_FORWARDS, m -> {
            String v = m.single(HeaderNames.MAX_FORWARDS);
            return v == null ? null : (int) HeaderValues.number(v, HeaderNames.MAX_FORWARDS, 255);
        });
    }

    /** The body length (what {@link #encode()} writes as Content-Length). */
    public int contentLength() {
        return body.length;
    }

    /** The body (shared, do not modify). */
    public byte[] body() {
        return body;
    }

    /** Sets the body and Content-Type (removed when contentType is null); Content-Length follows. */
    public void setBody(String contentType, byte[] newBody) {
        this.body = newBody == null ? EMPTY : newBody;
        if (contentType == null) {
            removeHeader(HeaderNames.CONTENT_TYPE);
        } else {
            setHeader(HeaderNames.CONTENT_TYPE, contentType);
        }
        setHeader(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
    }

    // ---------------------------------------------------------------- other typed headers

    /** Contact addresses (RFC 3261 §20.10); empty for none or for the wildcard "*". */
    public List<NameAddr> contacts() {
        return typed(HeaderNames.CONTACT, m -> m.isContactWildcard() ? List.of() : m.addresses(HeaderNames.CONTACT));
    }

    /** True when Contact is "*" (REGISTER removing all bindings, RFC 3261 §10.2.2). */
    public boolean isContactWildcard() {
        List<String> values = headerValues(HeaderNames.CONTACT);
        return values.size() == 1 && values.get(0).equals("*");
    }

    /** Route addresses in order (RFC 3261 §20.34). */
    public List<NameAddr> routes() {
        return typed(HeaderNames.ROUTE, m -> m.addresses(HeaderNames.ROUTE));
    }

    /** Record-Route addresses in order (RFC 3261 §20.30). */
    public List<NameAddr> recordRoutes() {
        return typed(HeaderNames.RECORD_ROUTE, m -> m.addresses(HeaderNames.RECORD_ROUTE));
    }

    private List<NameAddr> addresses(String canonical) {
        List<NameAddr> out = new ArrayList<>(2);
        for (String v : headerValues(canonical)) {
            out.add(AddressParser.parse(v, canonical));
        }
        return Collections.unmodifiableList(out);
    }

    /** Content-Type (RFC 3261 §20.15), or null. */
    public MediaType contentType() {
        return typed(HeaderNames.CONTENT_TYPE, m -> {
            String v = m.single(HeaderNames.CONTENT_TYPE);
            return v == null ? null : HeaderValues.mediaType(v, HeaderNames.CONTENT_TYPE);
        });
    }

    /** Expires in seconds (RFC 3261 §20.19), or null. */
    public Long expires() {
        return number(HeaderNames.EXPIRES, 4294967295L);
    }

    /** Min-Expires in seconds (RFC 3261 §20.23), or null. */
    public Long minExpires() {
        return number(HeaderNames.MIN_EXPIRES, 4294967295L);
    }

    /** Min-SE in seconds (RFC 4028 §5), or null; parameters are ignored. */
    public Long minSE() {
        return typed(HeaderNames.MIN_SE, m -> {
            String v = m.single(HeaderNames.MIN_SE);
            if (v == null) {
                return null;
            }
            int semi = v.indexOf(';');
            return HeaderValues.number(semi < 0 ? v : v.substring(0, semi), HeaderNames.MIN_SE, 4294967295L);
        });
    }

    /** RSeq (RFC 3262 §7.1), or null. */
    public Long rseq() {
        return number(HeaderNames.RSEQ, 4294967295L);
    }

    private Long number(String canonical, long max) {
        return typed(canonical, m -> {
            String v = m.single(canonical);
            return v == null ? null : HeaderValues.number(v, canonical, max);
        });
    }

    /** RAck (RFC 3262 §7.2), or null. */
    public RAck rack() {
        return typed(HeaderNames.RACK, m -> {
            String v = m.single(HeaderNames.RACK);
            return v == null ? null : HeaderValues.rack(v);
        });
    }

    /** Require option tags (RFC 3261 §20.32). */
    public List<String> require() {
        return tokens(HeaderNames.REQUIRE);
    }

    /** Proxy-Require option tags (RFC 3261 §20.29). */
    public List<String> proxyRequire() {
        return tokens(HeaderNames.PROXY_REQUIRE);
    }

    /** Supported option tags (RFC 3261 §20.37). */
    public List<String> supported() {
        return tokens(HeaderNames.SUPPORTED);
    }

    /** Unsupported option tags (RFC 3261 §20.40). */
    public List<String> unsupported() {
        return tokens(HeaderNames.UNSUPPORTED);
    }

    private List<String> tokens(String canonical) {
        return typed(canonical, m -> {
            List<String> out = new ArrayList<>(2);
            for (String v : m.headerValues(canonical)) {
                out.add(HeaderValues.token(v, canonical));
            }
            return Collections.unmodifiableList(out);
        });
    }

    /** Allow methods (RFC 3261 §20.5). */
    public List<SipMethod> allow() {
        return typed(HeaderNames.ALLOW, m -> {
            List<SipMethod> out = new ArrayList<>();
            for (String v : m.headerValues(HeaderNames.ALLOW)) {
                out.add(SipMethod.valueOf(HeaderValues.token(v, HeaderNames.ALLOW)));
            }
            return Collections.unmodifiableList(out);
        });
    }

    /** Accept media ranges (RFC 3261 §20.1). */
    public List<MediaType> accept() {
        return typed(HeaderNames.ACCEPT, m -> {
            List<MediaType> out = new ArrayList<>();
            for (String v : m.headerValues(HeaderNames.ACCEPT)) {
                out.add(HeaderValues.mediaType(v, HeaderNames.ACCEPT));
            }
            return Collections.unmodifiableList(out);
        });
    }

    /** WWW-Authenticate challenges (RFC 3261 §20.44), one per field. */
    public List<AuthHeader> wwwAuthenticate() {
        return auth(HeaderNames.WWW_AUTHENTICATE);
    }

    /** Authorization credentials (RFC 3261 §20.7), one per field. */
    public List<AuthHeader> authorization() {
        return auth(HeaderNames.AUTHORIZATION);
    }

    /** Proxy-Authenticate challenges (RFC 3261 §20.27). */
    public List<AuthHeader> proxyAuthenticate() {
        return auth(HeaderNames.PROXY_AUTHENTICATE);
    }

    /** Proxy-Authorization credentials (RFC 3261 §20.28). */
    public List<AuthHeader> proxyAuthorization() {
        return auth(HeaderNames.PROXY_AUTHORIZATION);
    }

    private List<AuthHeader> auth(String canonical) {
        return typed(canonical, m -> {
            List<AuthHeader> out = new ArrayList<>(1);
            for (String v : m.headerValues(canonical)) {
                out.add(HeaderValues.auth(v, canonical));
            }
            return Collections.unmodifiableList(out);
        });
    }

    /** Session-Expires (RFC 4028 §4), or null. */
    public SessionExpires sessionExpires() {
        return typed(HeaderNames.SESSION_EXPIRES, m -> {
            String v = m.single(HeaderNames.SESSION_EXPIRES);
            return v == null ? null : HeaderValues.sessionExpires(v);
        });
    }

    /** Event (RFC 6665 §8.2.1), or null. */
    public EventHeader event() {
        return typed(HeaderNames.EVENT, m -> {
            String v = m.single(HeaderNames.EVENT);
            return v == null ? null : HeaderValues.event(v);
        });
    }

    /** Refer-To (RFC 3515 §2.1), or null. */
    public NameAddr referTo() {
        return typed(HeaderNames.REFER_TO, m -> {
            String v = m.single(HeaderNames.REFER_TO);
            return v == null ? null : AddressParser.parse(v, HeaderNames.REFER_TO);
        });
    }

    /** Replaces (RFC 3891 §6.1), or null. */
    public Replaces replaces() {
        return typed(HeaderNames.REPLACES, m -> {
            String v = m.single(HeaderNames.REPLACES);
            return v == null ? null : HeaderValues.replaces(v);
        });
    }

    // ---------------------------------------------------------------- serialization

    /**
     * Serializes (RFC 3261 §7): start line, header fields in order with their canonical names,
     * Content-Length always equal to the body length (written where the first Content-Length was,
     * else last), an empty line, the body. UTF-8.
     */
    public byte[] encode() {
        StringBuilder b = new StringBuilder(256 + headers.size() * 48);
        b.append(startLine()).append("\r\n");
        boolean lengthWritten = false;
        for (int i = 0, n = headers.size(); i < n; i++) {
            SipHeader h = headers.get(i);
            if (h.name() == HeaderNames.CONTENT_LENGTH || h.name().equalsIgnoreCase(HeaderNames.CONTENT_LENGTH)) {
                if (!lengthWritten) {
                    b.append(HeaderNames.CONTENT_LENGTH).append(": ").append(body.length).append("\r\n");
                    lengthWritten = true;
                }
                continue;
            }
            b.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        if (!lengthWritten) {
            b.append(HeaderNames.CONTENT_LENGTH).append(": ").append(body.length).append("\r\n");
        }
        b.append("\r\n");
        byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
        if (body.length == 0) {
            return head;
        }
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    /** The encoded message as text (for logs and tests). */
    @Override
    public String toString() {
        return new String(encode(), StandardCharsets.UTF_8);
    }
}
