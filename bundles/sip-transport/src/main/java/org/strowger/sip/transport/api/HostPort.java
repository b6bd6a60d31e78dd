package org.strowger.sip.transport.api;

import java.util.Objects;

/**
 * A host (name, IPv4 address or bracketed IPv6 reference) and port as written in a SIP header: a
 * Via sent-by, a Contact or Record-Route URI.
 */
public record HostPort(String host, int port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
