package org.strowger.sip.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.strowger.sip.message.api.Via;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.Transport;

/** RFC 3261 §18.2.2 and RFC 3581 §4 response routing, and §18.2.1 receipt processing. */
class ResponseRoutingTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);
    private static final InetSocketAddress NATTED = new InetSocketAddress("198.51.100.7", 40000);
    private static final Flow UDP = new Flow(Transport.UDP, LOCAL, NATTED, 0);
    private static final Flow TCP = new Flow(Transport.TCP, LOCAL, NATTED, 42);

    private static ResponseRouting.Target route(String via, Flow flow) {
        return ResponseRouting.route(ViaReceipt.stamp(Via.parse(via), flow.remote()), flow);
    }

    @Test
    void udpWithRportGoesToSourceIpAndPort_rfc3581_4() {
        ResponseRouting.Target t = route("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK1;rport", UDP);
        assertEquals(NATTED, t.address());
        assertEquals(0, t.connectionId());
    }

    @Test
    void udpWithoutRportGoesToReceivedIpAndSentByPort_rfc3261_18_2_2() {
        assertEquals(new InetSocketAddress("198.51.100.7", 5062), route("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK1", UDP).address());
    }

    @Test
    void udpSentByWithoutPortUsesDefault5060() {
        assertEquals(new InetSocketAddress("198.51.100.7", 5060), route("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK1", UDP).address());
    }

    @Test
    void udpSentByEqualToSourceNeedsNoReceived() {
        Via stamped = ViaReceipt.stamp(Via.parse("SIP/2.0/UDP 198.51.100.7:5070;branch=z9hG4bK1"), NATTED);
        assertEquals(null, stamped.received(), "§18.2.1: received only when sent-by differs from the source");
        assertEquals(new InetSocketAddress("198.51.100.7", 5070), ResponseRouting.route(stamped, UDP).address());
    }

    @Test
    void maddrWins_rfc3261_18_2_2() {
        assertEquals(new InetSocketAddress("239.255.255.1", 5062),
                route("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK1;maddr=239.255.255.1;ttl=1", UDP).address());
    }

    @Test
    void maddrHostNameIsIgnoredRatherThanResolvedOnTheIoThread() {
        assertEquals(new InetSocketAddress("198.51.100.7", 5062),
                route("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK1;maddr=proxy.example.com", UDP).address());
    }

    @Test
    void tcpUsesTheRequestConnectionElseReceivedAndSentByPort() {
        ResponseRouting.Target t = route("SIP/2.0/TCP 10.0.0.1:5062;branch=z9hG4bK1;rport", TCP);
        assertEquals(42, t.connectionId());
        assertEquals(new InetSocketAddress("198.51.100.7", 5062), t.address(),
                "§18.2.2: a new connection goes to received and the sent-by port");
    }

    @Test
    void rportWithReceivedEvenWhenSentByMatches_rfc3581_4() {
        Via stamped = ViaReceipt.stamp(Via.parse("SIP/2.0/UDP 198.51.100.7:40000;rport;branch=z9hG4bK1"), NATTED);
        assertEquals("198.51.100.7", stamped.received());
        assertEquals(40000, stamped.rport());
    }

    @Test
    void ipv6SourceIsWrittenWithoutBrackets_rfc5118() {
        InetSocketAddress v6 = new InetSocketAddress("2001:db8::9", 5070);
        Via stamped = ViaReceipt.stamp(Via.parse("SIP/2.0/UDP [2001:db8::1]:5060;rport;branch=z9hG4bK1"), v6);
        assertEquals("2001:db8:0:0:0:0:0:9", stamped.received());
        assertEquals(v6, ResponseRouting.route(stamped, new Flow(Transport.UDP, LOCAL, v6, 0)).address());
        Via same = ViaReceipt.stamp(Via.parse("SIP/2.0/UDP [2001:db8::9]:5070;branch=z9hG4bK1"), v6);
        assertEquals(null, same.received(), "same IPv6 address in another spelling is not different");
    }
}
