package org.strowger.sip.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.Via;
import org.strowger.sip.transport.api.InboundMessage;
import org.strowger.sip.transport.api.Transport;

/** The UDP receive path on an EmbeddedChannel: RFC 3261 §18.2.1, §18.1.2, RFC 3581 §4, bad input. */
class UdpReceiveTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);
    private static final InetSocketAddress PEER = new InetSocketAddress("198.51.100.7", 40000);

    private final Wiring w = new Wiring();
    private final List<ByteBuf> inputs = new ArrayList<>();
    private UdpListener listener;
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        listener = new UdpListener(new ListenerSettings("udp", Transport.UDP, LOCAL, null, 0),
                new ListenerCounters(w.metrics, "udp"));
        channel = new EmbeddedChannel(new UdpListener.DatagramHandler(listener, w.receiver));
        listener.channel = channel;
        w.listeners.add(listener);
    }

    @AfterEach
    void noLeaks() {
        assertFalse(channel.finish(), "no unread outbound datagrams");
        for (ByteBuf b : inputs) {
            assertEquals(0, b.refCnt(), "datagram released");
        }
    }

    private void receive(String text) {
        ByteBuf b = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        inputs.add(b);
        channel.writeInbound(new DatagramPacket(b, LOCAL, PEER));
        assertNull(channel.readInbound(), "nothing passes the handler");
    }

    private DatagramPacket sent() {
        return channel.readOutbound();
    }

    private static String textOf(DatagramPacket p) {
        try {
            return p.content().toString(StandardCharsets.UTF_8);
        } finally {
            p.release();
        }
    }

    private static String request(String via, String extra) {
        return "OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + "Via: " + via + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\n"
                + "Call-ID: c1@example.com\r\nCSeq: 1 OPTIONS\r\n" + extra + "Content-Length: 0\r\n\r\n";
    }

    private static String response(String via) {
        return "SIP/2.0 200 OK\r\nVia: " + via + "\r\n"
                + "From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>;tag=2\r\n"
                + "Call-ID: c1@example.com\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }

    private long counter(String name) {
        return w.metrics.value("sip.transport.udp." + name);
    }

    @Test
    void receivedAddedWhenSentByDiffersFromSource_rfc3261_18_2_1() {
        receive(request("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bKa", ""));
        InboundMessage in = w.delivered.get(0);
        Via top = in.message().topVia();
        assertEquals("198.51.100.7", top.received());
        assertFalse(top.hasRport());
        assertEquals(PEER, in.flow().remote());
        assertEquals(Transport.UDP, in.flow().transport());
        assertEquals(1, counter("messages_in"));
    }

    @Test
    void rportFilledAndReceivedAlwaysAdded_rfc3581_4() {
        receive(request("SIP/2.0/UDP 198.51.100.7:5062;rport;branch=z9hG4bKb", ""));
        Via top = w.delivered.get(0).message().topVia();
        assertEquals("198.51.100.7", top.received());
        assertEquals(40000, top.rport());
    }

    @Test
    void noReceivedWhenSentByIsTheSource() {
        receive(request("SIP/2.0/UDP 198.51.100.7:40000;branch=z9hG4bKc", ""));
        assertNull(w.delivered.get(0).message().topVia().received());
    }

    @Test
    void malformedRequestGets400NamingTheProblemAtTheRport() {
        receive(request("SIP/2.0/UDP 10.0.0.1:5062;rport;branch=z9hG4bKd", "").replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS"));
        DatagramPacket answer = sent();
        assertEquals(PEER, answer.recipient(), "RFC 3581: back to source IP and port");
        String text = textOf(answer);
        assertTrue(text.startsWith("SIP/2.0 400 "), text);
        assertTrue(text.toLowerCase().contains("cseq"), "reason names the problem: " + text);
        assertTrue(text.contains("received=198.51.100.7"), text);
        assertTrue(w.delivered.isEmpty());
        assertEquals(1, counter("parse_errors"));
        assertEquals(1, counter("messages_out"));
    }

    @Test
    void malformedResponseIsDroppedAndCounted() {
        receive(response("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKe").replace("SIP/2.0 200 OK", "SIP/2.0 2x0 OK"));
        assertNull(sent());
        assertTrue(w.delivered.isEmpty());
        assertEquals(1, counter("parse_errors"));
    }

    @Test
    void responseForOurSentByIsDelivered_rfc3261_18_1_2() {
        receive(response("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKf"));
        assertEquals(1, w.delivered.size());
        assertTrue(w.delivered.get(0).message() instanceof SipResponse);
    }

    @Test
    void responseForForeignSentByIsDiscarded_rfc3261_18_1_2() {
        receive(response("SIP/2.0/UDP 192.0.2.99:5060;branch=z9hG4bKg"));
        receive(response("SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bKh"));
        assertTrue(w.delivered.isEmpty());
        assertEquals(2, counter("dropped"));
    }

    @Test
    void withoutHandlerRequestsGet503AndAcksAreDropped() {
        w.handler.clear(w.handler.get());
        receive(request("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bKi", ""));
        String text = textOf(sent());
        assertTrue(text.startsWith("SIP/2.0 503 "), text);
        assertTrue(text.contains("Retry-After: 5"), text);
        receive(request("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bKi", "").replace("OPTIONS", "ACK"));
        assertNull(sent(), "never answer an ACK");
    }

    @Test
    void garbageAndKeepAlivesNeverThrow() {
        receive("\r\n\r\n");
        receive("\u0000\u0001\u0002\u00ff binary junk");
        receive("INVITE");
        receive("");
        assertTrue(w.delivered.isEmpty());
        assertNull(sent());
        assertEquals(2, counter("keepalives"), "CRLF and empty datagrams are NAT keep-alives");
        assertTrue(counter("parse_errors") >= 2);
    }

    @Test
    void handlerExceptionIsContained() {
        w.handler.set(m -> {
            throw new IllegalStateException("boom");
        });
        receive(request("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bKj", ""));
        assertEquals(1, counter("messages_in"));
    }

    @Test
    void responseSentToRportFromTheReceivingSocket() {
        receive(request("SIP/2.0/UDP 10.0.0.1:5062;rport;branch=z9hG4bKk", ""));
        InboundMessage in = w.delivered.get(0);
        SipResponse ok = SipResponse.createFor((SipRequest) in.message(), 200);
        w.sender.sendResponse(ok, in.flow()).toCompletableFuture().join();
        DatagramPacket p = sent();
        assertEquals(PEER, p.recipient());
        assertTrue(textOf(p).startsWith("SIP/2.0 200 OK"));
    }

    @Test
    void transportErrorResponsesCarryAToTag_rfc3261_8_2_6_2() {
        receive(request("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bKt1", "").replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS"));
        String bad = textOf(sent());
        assertTrue(bad.startsWith("SIP/2.0 400 "), bad);
        assertTrue(bad.matches("(?s).*\r\nTo: <sip:bob@example.com>;tag=[0-9a-f]+\r\n.*"), "the UAS MUST add a tag: " + bad);
        w.handler.clear(w.handler.get());
        receive(request("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bKt2", ""));
        String unavailable = textOf(sent());
        assertTrue(unavailable.startsWith("SIP/2.0 503 "), unavailable);
        assertTrue(unavailable.matches("(?s).*\r\nTo: <sip:bob@example.com>;tag=[0-9a-f]+\r\n.*"), unavailable);
    }

    @Test
    void malformedAckIsNeverAnswered_rfc3261_17() {
        receive(request("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bKt3", "")
                .replace("OPTIONS sip:", "ACK sip:").replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE"));
        assertNull(sent(), "an ACK whose CSeq names another method still gets no 400");
        assertEquals(1, counter("parse_errors"));
    }
}
