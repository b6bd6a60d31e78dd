package org.strowger.sip.transport.api;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The path one message travelled: transport, the local socket address it was received on or sent
 * from, the remote socket address, and for connection-oriented transports the connection it used.
 * Responses to a request are sent along its flow (RFC 3261 §18.2.2, RFC 5923 connection reuse).
 *
 * @param transport    UDP or TCP
 * @param local        the local listener (UDP) or connection (TCP) address
 * @param remote       the peer's source/destination address as seen on the wire
 * @param connectionId the TCP connection, unique for the lifetime of the transport; {@code 0} for UDP
 */
public record Flow(Transport transport, InetSocketAddress local, InetSocketAddress remote, long connectionId) {

    public Flow {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        if (transport.isReliable() ? connectionId <= 0 : connectionId != 0) {
            throw new IllegalArgumentException("connectionId " + connectionId + " invalid for " + transport);
        }
    }

    @Override
    public String toString() {
        return transport + " " + format(local) + (connectionId != 0 ? " #" + connectionId : "") + " <-> " + format(remote);
    }

    /** {@code ip:port} without the host-name lookup {@link InetSocketAddress#toString()} may show. */
    public static String format(InetSocketAddress address) {
        String ip = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + address.getPort();
    }
}
