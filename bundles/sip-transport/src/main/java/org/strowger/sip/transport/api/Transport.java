package org.strowger.sip.transport.api;

import java.util.Locale;
import java.util.Optional;

/**
 * A SIP transport protocol, as named in the Via sent-protocol (RFC 3261 §18, §20.42). TLS and
 * WebSocket (RFC 7118) come later.
 */
public enum Transport {
    /** Unreliable datagrams (RFC 768). */
    UDP(false, 5060),
    /** A reliable, connection-oriented byte stream (RFC 793). */
    TCP(true, 5060);

    private final boolean reliable;
    private final int defaultPort;

    Transport(boolean reliable, int defaultPort) {
        this.reliable = reliable;
        this.defaultPort = defaultPort;
    }

    /** Whether the transport retransmits and orders by itself (RFC 3261 §17.1.1.2 timers differ). */
    public boolean isReliable() {
        return reliable;
    }

    /** The port used when a URI or a Via sent-by has none (RFC 3261 §18.2.2, §19.1.2). */
    public int defaultPort() {
        return defaultPort;
    }

    /** The transport of a Via sent-protocol or a {@code transport} URI parameter, case-insensitive. */
    public static Optional<Transport> fromToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        return switch (token.trim().toUpperCase(Locale.ROOT)) {
            case "UDP" -> Optional.of(UDP);
            case "TCP" -> Optional.of(TCP);
            default -> Optional.empty();
        };
    }
}
