package org.strowger.sip.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.strowger.sip.message.api.SipCodecConfig;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipParser;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.Via;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.TraceFilter;
import org.strowger.sip.transport.api.Transport;
import org.strowger.sip.transport.spi.SipMessageObserver;

/**
 * The caller owns a message again as soon as sendRequest/sendResponse returns (a transaction
 * retransmits it or builds CANCEL/ACK from it on its own executor). The transport therefore rewrites
 * the Via sent-by (RFC 3261 §18.1.1) and encodes before returning; a connect that completes later on
 * an I/O thread only writes those bytes.
 */
class SenderOwnershipTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.2", 5062);

    private final Wiring w = new Wiring();
    private final TcpListener listener = new TcpListener(new ListenerSettings("tcp", Transport.TCP, LOCAL, null, 0),
            new ListenerCounters(w.metrics, "tcp"), w.connections);

    SenderOwnershipTest() {
        w.listeners.add(listener);
    }

    private static SipRequest request() {
        byte[] b = ("OPTIONS sip:bob@127.0.0.2 SIP/2.0\r\nVia: SIP/2.0/UDP placeholder.invalid;branch=z9hG4bKown\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@127.0.0.1>;tag=1\r\nTo: <sip:bob@127.0.0.2>\r\n"
                + "Call-ID: own@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        return (SipRequest) new SipParser(SipCodecConfig.DEFAULTS).parse(b).message();
    }

    /** Completes a pending connect the way the I/O thread would, and returns what was written. */
    private String connectAndRead(CompletableFuture<Connection> pending) {
        EmbeddedChannel ch = new AddressedEmbeddedChannel(new InetSocketAddress("127.0.0.1", 41000), PEER);
        pending.complete(w.connections.register(ch, listener, false));
        ByteBuf out = ch.readOutbound();
        try {
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
            assertFalse(ch.finish());
        }
    }

    @Test
    void requestIsStampedAndEncodedBeforeSendRequestReturns_rfc3261_18_1_1() {
        CompletableFuture<Connection> pending = new CompletableFuture<>();
        w.sender.connecting.put(PEER, pending);
        SipRequest request = request();

        CompletionStage<Flow> sent = w.sender.sendRequest(request, PEER, Transport.TCP);
        String atReturn = request.toString();
        assertEquals("TCP", request.topVia().transport(), "sent-by written before returning: " + atReturn);
        assertEquals("127.0.0.1", request.topVia().host());
        assertEquals(5060, request.topVia().port());

        String wire = connectAndRead(pending);
        assertEquals(atReturn, request.toString(), "the transport does not touch the request after returning");
        assertEquals(atReturn, wire);
        assertTrue(sent.toCompletableFuture().isDone());
    }

    @Test
    void responseIsEncodedWhenSentNotWhenTheConnectCompletes_rfc3261_18_2_2() {
        CompletableFuture<Connection> pending = new CompletableFuture<>();
        w.sender.connecting.put(PEER, pending);
        SipRequest request = request();
        request.setTopVia(Via.of("TCP", "127.0.0.2", 5062, "z9hG4bKown"));
        SipResponse ok = SipResponse.createFor(request, 200);
        Flow closedConnection = new Flow(Transport.TCP, LOCAL, new InetSocketAddress("127.0.0.2", 40000), 999);

        CompletionStage<Flow> sent = w.sender.sendResponse(ok, closedConnection);
        String atSend = ok.toString();
        ok.addHeader("X-Edited-Later", "by its owner");

        assertEquals(atSend, connectAndRead(pending), "the bytes are those of the response when it was sent");
        assertTrue(sent.toCompletableFuture().isDone());
    }

    @Test
    void observersAndTraceSeeTheMessageAsSentNotTheOwnersLaterEdits() {
        List<SipMessage> seen = new CopyOnWriteArrayList<>();
        List<Flow> flows = new CopyOnWriteArrayList<>();
        w.observers.add(new SipMessageObserver() {
            @Override
            public void onSent(SipMessage message, Flow flow) {
                seen.add(message);
                flows.add(flow);
            }
        });
        w.tracer.enable(new TraceFilter(null, "OPTIONS"));
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CompletableFuture<Connection> pending = new CompletableFuture<>();
            w.sender.connecting.put(PEER, pending);
            SipRequest request = request();
            request.setTopVia(Via.of("TCP", "127.0.0.2", 5062, "z9hG4bKown"));
            SipResponse ok = SipResponse.createFor(request, 200);
            Flow closedConnection = new Flow(Transport.TCP, LOCAL, new InetSocketAddress("127.0.0.2", 40000), 999);

            CompletionStage<Flow> sent = w.sender.sendResponse(ok, closedConnection);
            String atSend = ok.toString();
            // the owner (a transaction on its executor) edits the response while the connect is still pending
            ok.addHeader("X-Edited-Later", "by its owner");
            ok.setHeader("CSeq", "2 INVITE");

            assertEquals(atSend, connectAndRead(pending));
            assertTrue(sent.toCompletableFuture().isDone());
            assertEquals(1, seen.size(), "onSent once the write succeeded");
            assertNotSame(ok, seen.get(0), "observers get a copy, not the object its owner edits");
            assertEquals(atSend, seen.get(0).toString(), "the copy shows what went on the wire");
            assertEquals(PEER, flows.get(0).remote());
            String trace = captured.toString(StandardCharsets.UTF_8);
            assertTrue(trace.contains("OUT TCP") && trace.contains("CSeq: 1 OPTIONS"),
                    "the method filter matched the response as it was sent: " + trace);
        } finally {
            System.setErr(original);
            w.tracer.disable();
        }
    }
}
