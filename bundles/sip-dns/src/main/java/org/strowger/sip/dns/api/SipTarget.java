package org.strowger.sip.dns.api;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One place to send a request: transport, resolved IP address and port (RFC 3263 §4).
 *
 * @param transport the transport to use
 * @param address   a resolved (never unresolved) socket address
 * @param hostName  the DNS name the address came from (the SRV target or the URI host), or the
 *                  literal IP when the URI held one; for logs and for TLS server identity
 */
public record SipTarget(TargetTransport transport, InetSocketAddress address, String hostName) {

    public SipTarget {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(hostName, "hostName");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address " + address);
        }
    }

    @Override
    public String toString() {
        String ip = address.getAddress().getHostAddress();
        return transport + " " + (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + address.getPort()
                + (hostName.equals(ip) ? "" : " (" + hostName + ")");
    }
}
