package org.strowger.sip.dns.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.strowger.sip.dns.api.SipResolutionException;
import org.strowger.sip.dns.api.TargetTransport;
import org.strowger.sip.message.api.SipUri;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * What RFC 3263 §4 needs from a URI, read without any DNS: TARGET (the {@code maddr} parameter if
 * present, else the host, §4 and RFC 3261 §19.1.1), whether it is a numeric IP address, the port, the
 * explicit {@code transport} parameter (§4.1) and the transports allowed for this URI.
 *
 * @param uri       the URI, for messages
 * @param target    TARGET as written (IPv6 without brackets)
 * @param ip        TARGET as an address when numeric, else null
 * @param port      the URI port or -1
 * @param explicit  the transport of the {@code transport} parameter, or null
 * @param allowed   the supported transports usable for this URI: only secure ones for a SIPS URI
 *                  (RFC 3261 §19.1, RFC 3263 §4.1)
 */
record UriTarget(SipUri uri, String target, InetAddress ip, int port, TargetTransport explicit,
        Set<TargetTransport> allowed) {

    static UriTarget of(SipUri uri, Set<TargetTransport> supported) throws SipResolutionException {
        String maddr = uri.maddrParam();
        String target = maddr != null && !maddr.isEmpty() ? maddr : uri.host();
        if (target.startsWith("[") && target.endsWith("]")) {
            target = target.substring(1, target.length() - 1);
        }
        Set<TargetTransport> allowed = EnumSet.noneOf(TargetTransport.class);
        for (TargetTransport t : supported) {
            if (!uri.isSecure() || t.isSecure()) {
                allowed.add(t);
            }
        }
        if (allowed.isEmpty()) {
            throw new SipResolutionException(uri + ": none of the caller's transports " + supported
                    + (uri.isSecure() ? " is secure, as a sips URI requires (RFC 3261 §19.1)" : " is usable"));
        }
        TargetTransport explicit = null;
        String param = uri.transportParam();
        if (param != null) {
            explicit = explicitTransport(uri, param);
            if (!supported.contains(explicit)) {
                throw new SipResolutionException(uri + ": transport " + explicit + " is not supported by the caller "
                        + supported);
            }
        }
        return new UriTarget(uri, target, numeric(target), uri.port(), explicit, Set.copyOf(allowed));
    }

    /**
     * The transport of the {@code transport} parameter; for a SIPS URI the secured variant ("tcp" means TLS
     * over TCP, "ws" WSS), and UDP or SCTP are refused since they cannot carry SIPS here.
     */
    private static TargetTransport explicitTransport(SipUri uri, String param) throws SipResolutionException {
        TargetTransport t = TargetTransport.fromUriParam(param).orElseThrow(
                () -> new SipResolutionException(uri + ": unknown transport=" + param));
        if (!uri.isSecure()) {
            return t;
        }
        return switch (t) {
            case TCP, TLS -> TargetTransport.TLS;
            case WS, WSS -> TargetTransport.WSS;
            case UDP, SCTP -> throw new SipResolutionException(uri + ": transport=" + param
                    + " cannot carry a sips URI: it needs TLS over TCP or WebSocket (RFC 3261 §19.1, §26.2.2)");
        };
    }

    /** TARGET as an address if it is an IPv4 or IPv6 literal (never a DNS query), else null. */
    static InetAddress numeric(String host) {
        byte[] bytes = Address.toByteArray(host, Address.IPv4);
        if (bytes == null && host.indexOf(':') >= 0) {
            bytes = Address.toByteArray(host, Address.IPv6);
        }
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** TARGET as an absolute DNS name (a SIP host name is never relative to a search list). */
    Name name() throws SipResolutionException {
        try {
            return Name.fromString(target, Name.root);
        } catch (TextParseException e) {
            throw new SipResolutionException(uri + ": host " + target + " is not a valid DNS name: " + e.getMessage(), e);
        }
    }

    boolean secure() {
        return uri.isSecure();
    }

    /**
     * The transport when neither the URI nor DNS names one (RFC 3263 §4.1): UDP for SIP, TLS (over TCP) for
     * SIPS. When the caller cannot use UDP, TCP and then TLS stand in for it.
     */
    TargetTransport defaultTransport() throws SipResolutionException {
        if (explicit != null) {
            return explicit;
        }
        List<TargetTransport> candidates = uri.isSecure() ? List.of(TargetTransport.TLS)
                : List.of(TargetTransport.UDP, TargetTransport.TCP, TargetTransport.TLS);
        for (TargetTransport t : candidates) {
            if (allowed.contains(t)) {
                return t;
            }
        }
        throw new SipResolutionException(uri + ": no default transport (" + candidates + ") among the caller's "
                + allowed);
    }

    /**
     * The transports to query SRV records for when there are no NAPTR records (RFC 3263 §4.1): service
     * "_sip" for a SIP URI, "_sips" for a SIPS URI, each supported transport in our order of preference.
     */
    List<TargetTransport> srvTransports() {
        List<TargetTransport> out = new ArrayList<>();
        for (TargetTransport t : TargetTransport.values()) {
            if (allowed.contains(t) && t.isSecure() == uri.isSecure()) {
                out.add(t);
            }
        }
        return out;
    }

    /** The port of a target found without SRV: the URI's, else the transport's default (RFC 3263 §4.2). */
    int portFor(TargetTransport t) {
        return port >= 0 ? port : t.defaultPort();
    }

    Optional<InetAddress> numericTarget() {
        return Optional.ofNullable(ip);
    }
}
