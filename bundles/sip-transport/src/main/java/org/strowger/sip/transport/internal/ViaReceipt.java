package org.strowger.sip.transport.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.strowger.sip.message.api.Via;

/** What a server transport does to the top Via of a request it receives (RFC 3261 §18.2.1, RFC 3581 §4). */
final class ViaReceipt {

    private ViaReceipt() {
    }

    /**
     * The top Via as it must be passed up: RFC 3261 §18.2.1 "If the host portion of the sent-by
     * parameter contains a domain name, or if it contains an IP address that differs from the packet
     * source address, the server MUST add a received parameter to that Via header field value", and
     * RFC 3581 §4: when the request has {@code rport} the server sets it to the source port and then
     * MUST add {@code received} even if it equals the sent-by host.
     */
    static Via stamp(Via via, InetSocketAddress source) {
        InetAddress sourceIp = source.getAddress();
        String received = IpLiterals.toText(sourceIp);
        if (via.hasRport()) {
            return via.withParam("received", received).withParam("rport", Integer.toString(source.getPort()));
        }
        InetAddress sentBy = IpLiterals.parse(via.host());
        if (sentBy == null || !sentBy.equals(sourceIp)) {
            return via.withParam("received", received);
        }
        return via;
    }
}
