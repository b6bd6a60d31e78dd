package org.strowger.sip.message.api;

import java.util.Map;
import org.strowger.sip.message.internal.Params;
import org.strowger.sip.message.internal.UriParser;

/**
 * A SIP or SIPS URI (RFC 3261 §19.1.1): {@code sip:user:password@host:port;uri-parameters?headers}.
 * Immutable. {@link #user()} is %-decoded; {@link #rawUser()} and {@link #toString()} keep the wire
 * form. IPv6 hosts keep their brackets ("[2001:db8::1]", RFC 5118).
 */
public final class SipUri implements Uri {
    private final boolean secure;
    private final String rawUser;
    private final String rawPassword;
    private final String host;
    private final int port;
    private final Map<String, String> params;
    private final Map<String, String> headers;
    private String wire;

    /**
     * @param rawUser     user part in wire (escaped) form, or null
     * @param rawPassword password in wire form, or null
     * @param host        hostname, IPv4 address or bracketed IPv6 reference
     * @param port        port or -1
     * @param params      uri-parameters (null value = flag such as "lr"), may be null
     * @param headers     URI headers (hname to hvalue, wire form), may be null
     */
    public SipUri(boolean secure, String rawUser, String rawPassword, String host, int port,
                  Map<String, String> params, Map<String, String> headers) {
        this(secure, rawUser, rawPassword, host, port, params, headers, null);
    }

    private SipUri(boolean secure, String rawUser, String rawPassword, String host, int port,
                   Map<String, String> params, Map<String, String> headers, String wire) {
        if (host == null || host.isEmpty()) {
            throw new MalformedHeaderException("Bad SIP URI: empty host");
        }
        if (port < -1 || port > 65535) {
            throw new MalformedHeaderException("Bad SIP URI: port out of range");
        }
        this.secure = secure;
        this.rawUser = rawUser;
        this.rawPassword = rawPassword;
        this.host = host;
        this.port = port;
        this.params = Params.freeze(params);
        this.headers = Params.freeze(headers);
        this.wire = wire;
    }

    /** Used by the parser: keeps the exact text it was parsed from as the wire form. */
    public static SipUri parsed(boolean secure, String rawUser, String rawPassword, String host, int port,
                                Map<String, String> params, Map<String, String> headers, String wire) {
        return new SipUri(secure, rawUser, rawPassword, host, port, params, headers, wire);
    }

    /** Parses a SIP or SIPS URI. @throws MalformedHeaderException if it is not one */
    public static SipUri parse(String text) {
        if (Uri.parse(text) instanceof SipUri sip) {
            return sip;
        }
        throw new MalformedHeaderException("Bad SIP URI: scheme is not sip or sips");
    }

    /** A simple {@code sip:user@host:port} URI; user may be null, port -1. */
    public static SipUri of(String user, String host, int port) {
        return new SipUri(false, user == null ? null : UriParser.escapeUser(user), null, host, port, null, null);
    }

    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    public boolean isSecure() {
        return secure;
    }

    /** The user part, %-decoded, or null. */
    public String user() {
        return rawUser == null ? null : UriParser.unescape(rawUser);
    }

    /** The user part as on the wire (escapes kept), or null. */
    public String rawUser() {
        return rawUser;
    }

    /** The password, %-decoded, or null. */
    public String password() {
        return rawPassword == null ? null : UriParser.unescape(rawPassword);
    }

    /** Hostname, IPv4 address or IPv6 reference in brackets. */
    public String host() {
        return host;
    }

    /** The port or -1 when absent. */
    public int port() {
        return port;
    }

    /**
     * A uri-parameter by case-insensitive name, as on the wire (escapes kept); null when absent or
     * when it is a flag such as lr (use {@link #hasParam}).
     */
    public String param(String name) {
        return Params.get(params, name);
    }

    public boolean hasParam(String name) {
        return Params.has(params, name);
    }

    public Map<String, String> params() {
        return params;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The transport parameter in lower case, or null. */
    public String transportParam() {
        String t = param("transport");
        return t == null ? null : t.toLowerCase(java.util.Locale.ROOT);
    }

    /** The user parameter ("phone", "ip", ...), or null. */
    public String userParam() {
        return param("user");
    }

    public String maddrParam() {
        return param("maddr");
    }

    /** True when the lr parameter is present (loose routing, RFC 3261 §19.1.1). */
    public boolean isLooseRouting() {
        return hasParam("lr");
    }

    /** A copy with the parameter set (value null = flag). */
    public SipUri withParam(String name, String value) {
        return new SipUri(secure, rawUser, rawPassword, host, port, Params.with(params, name, value), headers);
    }

    /** A copy without the parameter. */
    public SipUri withoutParam(String name) {
        return new SipUri(secure, rawUser, rawPassword, host, port, Params.without(params, name), headers);
    }

    /** A copy without URI headers (e.g. for a Request-URI built from a Contact, RFC 3261 §19.1.5). */
    public SipUri withoutHeaders() {
        return new SipUri(secure, rawUser, rawPassword, host, port, params, null);
    }

    public SipUri withHostPort(String newHost, int newPort) {
        return new SipUri(secure, rawUser, rawPassword, newHost, newPort, params, headers);
    }

    @Override
    public String toString() {
        String w = wire;
        if (w == null) {
            StringBuilder b = new StringBuilder(secure ? "sips:" : "sip:");
            if (rawUser != null) {
                b.append(rawUser);
                if (rawPassword != null) {
                    b.append(':').append(rawPassword);
                }
                b.append('@');
            }
            b.append(host);
            if (port >= 0) {
                b.append(':').append(port);
            }
            Params.format(b, params);
            char sep = '?';
            for (Map.Entry<String, String> h : headers.entrySet()) {
                b.append(sep).append(h.getKey()).append('=').append(h.getValue() == null ? "" : h.getValue());
                sep = '&';
            }
            w = b.toString();
            wire = w;
        }
        return w;
    }

    /**
     * URI equivalence per RFC 3261 §19.1.4: same scheme; user and password equal case-sensitively
     * after unescaping; host and port equal (an absent port differs from an explicit one); the
     * user, ttl, method, maddr and transport parameters equal when present in either; other
     * parameters present in both equal (case-insensitive, unescaped); URI headers all equal.
     */
    public boolean isEquivalentTo(SipUri other) {
        if (other == null || secure != other.secure || port != other.port || !host.equalsIgnoreCase(other.host)
                || !java.util.Objects.equals(user(), other.user())
                || !java.util.Objects.equals(password(), other.password())) {
            return false;
        }
        Map<String, String> a = normalized(params);
        Map<String, String> b = normalized(other.params);
        for (String special : new String[] {"user", "ttl", "method", "maddr", "transport"}) {
            if (!java.util.Objects.equals(a.get(special), b.get(special))) {
                return false;
            }
        }
        for (Map.Entry<String, String> e : a.entrySet()) {
            String theirs = b.get(e.getKey());
            if (theirs != null && !theirs.equals(e.getValue())) {
                return false;
            }
        }
        Map<String, String> ha = new java.util.HashMap<>();
        headers.forEach((k, v) -> ha.put(UriParser.unescape(k).toLowerCase(java.util.Locale.ROOT), UriParser.unescape(v)));
        Map<String, String> hb = new java.util.HashMap<>();
        other.headers.forEach((k, v) -> hb.put(UriParser.unescape(k).toLowerCase(java.util.Locale.ROOT), UriParser.unescape(v)));
        return ha.equals(hb);
    }

    private static Map<String, String> normalized(Map<String, String> params) {
        Map<String, String> out = new java.util.HashMap<>();
        params.forEach((k, v) -> out.put(UriParser.unescape(k).toLowerCase(java.util.Locale.ROOT),
                v == null ? "" : UriParser.unescape(v).toLowerCase(java.util.Locale.ROOT)));
        return out;
    }

    /** Equal when the wire forms are equal; see {@link #isEquivalentTo} for RFC 3261 §19.1.4 comparison. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SipUri other && other.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
