package org.strowger.sip.dns.api;

import java.util.Locale;
import java.util.Optional;

/**
 * A transport a SIP target is reached over, as RFC 3263 §4.1 selects it (NAPTR services, SRV
 * prefixes, the {@code transport} URI parameter). The resolver names every transport the RFC knows;
 * the caller skips those it cannot send over.
 */
public enum TargetTransport {
    UDP("SIP+D2U", "_sip._udp.", false, 5060),
    TCP("SIP+D2T", "_sip._tcp.", false, 5060),
    TLS("SIPS+D2T", "_sips._tcp.", true, 5061),
    SCTP("SIP+D2S", "_sip._sctp.", false, 5060),
    WS("SIP+D2W", "_sip._ws.", false, 80),
    WSS("SIPS+D2W", "_sips._ws.", true, 443);

    private final String naptrService;
    private final String srvPrefix;
    private final boolean secure;
    private final int defaultPort;

    TargetTransport(String naptrService, String srvPrefix, boolean secure, int defaultPort) {
        this.naptrService = naptrService;
        this.srvPrefix = srvPrefix;
        this.secure = secure;
        this.defaultPort = defaultPort;
    }

    /** The NAPTR service field (RFC 3263 §4.1, RFC 7118 §4 for WebSocket). */
    public String naptrService() {
        return naptrService;
    }

    /** The SRV owner-name prefix, e.g. {@code _sip._udp.} (RFC 3263 §4.1, RFC 2782). */
    public String srvPrefix() {
        return srvPrefix;
    }

    /** Whether the transport is secured (usable for a {@code sips} URI, RFC 3261 §19.1). */
    public boolean isSecure() {
        return secure;
    }

    /** The port used when neither the URI nor SRV gives one (RFC 3263 §4.2). */
    public int defaultPort() {
        return defaultPort;
    }

    /** The transport of a {@code transport} URI parameter, case-insensitive; empty if unknown. */
    public static Optional<TargetTransport> fromUriParam(String param) {
        if (param == null) {
            return Optional.empty();
        }
        return switch (param.trim().toLowerCase(Locale.ROOT)) {
            case "udp" -> Optional.of(UDP);
            case "tcp" -> Optional.of(TCP);
            case "tls" -> Optional.of(TLS);
            case "sctp" -> Optional.of(SCTP);
            case "ws" -> Optional.of(WS);
            case "wss" -> Optional.of(WSS);
            default -> Optional.empty();
        };
    }
}
