package org.strowger.sip.message.api;

import java.util.Locale;
import java.util.Map;
import org.strowger.sip.message.internal.Params;
import org.strowger.sip.message.internal.ViaParser;

/**
 * One Via header value (RFC 3261 §20.42, §25.1 via-parm): sent-protocol, sent-by and via-params.
 * Immutable; {@link #withParam} returns a copy (used to add received and rport, RFC 3261 §18.2.1,
 * RFC 3581 §4).
 */
public final class Via {
    /** The RFC 3261 §8.1.1.7 branch magic cookie. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private final String protocolName;
    private final String protocolVersion;
    private final String transport;
    private final String host;
    private final int port;
    private final Map<String, String> params;

    /**
     * @param transport transport token, upper-cased here ("UDP", "TCP", "TLS", "WS", ...)
     * @param host      hostname, IPv4 address or bracketed IPv6 reference
     * @param port      port or -1
     * @param params    via-params in order (null value = flag such as rport), may be null
     */
    public Via(String protocolName, String protocolVersion, String transport, String host, int port,
               Map<String, String> params) {
        this.protocolName = protocolName;
        this.protocolVersion = protocolVersion;
        this.transport = transport.toUpperCase(Locale.ROOT);
        this.host = host;
        this.port = port;
        this.params = Params.freeze(params);
    }

    /** A SIP/2.0 Via with a branch: {@code SIP/2.0/<transport> host[:port];branch=<branch>}. */
    public static Via of(String transport, String host, int port, String branch) {
        return new Via("SIP", "2.0", transport, host, port, branch == null ? null : Map.of("branch", branch));
    }

    /** Parses one via-parm. @throws MalformedHeaderException when malformed */
    public static Via parse(String value) {
        return ViaParser.parse(value, false);
    }

    public String protocolName() {
        return protocolName;
    }

    public String protocolVersion() {
        return protocolVersion;
    }

    /** Upper-case transport ("UDP", "TCP", "TLS", "SCTP", "WS", "WSS" or an extension). */
    public String transport() {
        return transport;
    }

    /** sent-by host; IPv6 references keep their brackets. */
    public String host() {
        return host;
    }

    /** sent-by port or -1 when absent. */
    public int port() {
        return port;
    }

    public String branch() {
        return param("branch");
    }

    /** True when the branch starts with the RFC 3261 magic cookie (else RFC 2543 matching applies, §17.2.3). */
    public boolean hasMagicCookie() {
        String b = branch();
        return b != null && b.startsWith(MAGIC_COOKIE);
    }

    public String received() {
        return param("received");
    }

    /** True when an rport parameter is present, with or without value (RFC 3581). */
    public boolean hasRport() {
        return Params.has(params, "rport");
    }

    /** The rport value, or null when absent or present without a value. */
    public Integer rport() {
        return intParam("rport", 65535);
    }

    public String maddr() {
        return param("maddr");
    }

    public Integer ttl() {
        return intParam("ttl", 255);
    }

    /** A via-param by case-insensitive name; null when absent or a flag. */
    public String param(String name) {
        return Params.get(params, name);
    }

    public boolean hasParam(String name) {
        return Params.has(params, name);
    }

    public Map<String, String> params() {
        return params;
    }

    /** A copy with the parameter set (replacing an existing one); null value = flag. */
    public Via withParam(String name, String valueOrNull) {
        return new Via(protocolName, protocolVersion, transport, host, port, Params.with(params, name, valueOrNull));
    }

    private Integer intParam(String name, int max) {
        String v = param(name);
        if (v == null || v.isEmpty() || v.length() > 6) {
            return null;
        }
        int value = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + c - '0';
        }
        return value <= max ? value : null;
    }

    /** Wire form: {@code SIP/2.0/UDP host:port;params}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(64);
        b.append(protocolName).append('/').append(protocolVersion).append('/').append(transport).append(' ').append(host);
        if (port >= 0) {
            b.append(':').append(port);
        }
        Params.format(b, params);
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Via other && other.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
