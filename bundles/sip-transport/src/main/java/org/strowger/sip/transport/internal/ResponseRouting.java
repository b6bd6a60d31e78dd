package org.strowger.sip.transport.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.strowger.sip.message.api.Via;
import org.strowger.sip.transport.api.Flow;

/** Where a response goes (RFC 3261 §18.2.2, RFC 3581 §4), computed from its top Via and the request's flow. */
final class ResponseRouting {

    private ResponseRouting() {
    }

    /**
     * @param address      where to send (for TCP: where to connect when {@code connectionId}'s connection is gone)
     * @param connectionId for TCP the connection to try first (the request's), else 0
     */
    record Target(InetSocketAddress address, long connectionId) {
    }

    /**
     * RFC 3261 §18.2.2:
     * <ul>
     * <li>reliable transport: the connection the request arrived on if still open, else a new
     * connection to the IP in {@code received} (the sent-by host when there is none) and the sent-by
     * port (default 5060);</li>
     * <li>{@code maddr} present: that address and the sent-by port (only IP literals are used: a host
     * name would need a blocking DNS lookup on the I/O thread; it is ignored);</li>
     * <li>unreliable with {@code rport} holding a value (RFC 3581 §4): the {@code received} IP (source
     * IP if absent) and the rport port;</li>
     * <li>unreliable with {@code received}: that IP and the sent-by port;</li>
     * <li>otherwise the sent-by host (an IP here: a host name always gets {@code received} on receipt)
     * and port.</li>
     * </ul>
     */
    static Target route(Via via, Flow requestFlow) {
        int sentByPort = via.port() > 0 ? via.port() : requestFlow.transport().defaultPort();
        InetAddress received = IpLiterals.parse(via.received());
        InetAddress sentByHost = IpLiterals.parse(via.host());
        InetAddress fallback = requestFlow.remote().getAddress();
        if (requestFlow.transport().isReliable()) {
            InetAddress host = received != null ? received : sentByHost != null ? sentByHost : fallback;
            return new Target(new InetSocketAddress(host, sentByPort), requestFlow.connectionId());
        }
        InetAddress maddr = IpLiterals.parse(via.maddr());
        if (maddr != null) {
            return new Target(new InetSocketAddress(maddr, sentByPort), 0);
        }
        Integer rport = via.rport();
        if (rport != null && rport > 0) {
            return new Target(new InetSocketAddress(received != null ? received : fallback, rport), 0);
        }
        if (received != null) {
            return new Target(new InetSocketAddress(received, sentByPort), 0);
        }
        return new Target(new InetSocketAddress(sentByHost != null ? sentByHost : fallback, sentByPort), 0);
    }
}
