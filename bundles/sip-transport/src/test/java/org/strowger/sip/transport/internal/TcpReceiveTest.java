package org.strowger.sip.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transport.api.InboundMessage;
import org.strowger.sip.transport.api.Transport;

/** The whole TCP connection pipeline (framer + handler + receiver) on an EmbeddedChannel (RFC 3261 §18.3, RFC 5626). */
class TcpReceiveTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);
    private static final InetSocketAddress PEER = new InetSocketAddress("198.51.100.7", 40001);

    private final Wiring w = new Wiring(new TransportSettings(2048, 1024, 64, 1024, 1, Duration.ofSeconds(300),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(5), 10, 2, 1 << 20, true, true, Duration.ofSeconds(1)));
    private final TcpListener listener = new TcpListener(new ListenerSettings("tcp", Transport.TCP, LOCAL, null, 0),
            new ListenerCounters(w.metrics, "tcp"), w.connections);
    private final List<ByteBuf> inputs = new ArrayList<>();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    TcpReceiveTest() {
        w.listeners.add(listener);
    }

    @AfterEach
    void noLeaks() {
        for (EmbeddedChannel ch : channels) {
            for (Object o; (o = ch.readOutbound()) != null; ) {
                ((ByteBuf) o).release();
            }
            assertFalse(ch.finish());
        }
        for (ByteBuf b : inputs) {
            assertEquals(0, b.refCnt(), "input released");
        }
    }

    private EmbeddedChannel connect(InetSocketAddress remote) {
        StreamPipeline pipeline = w.pipeline();
        EmbeddedChannel ch = new AddressedEmbeddedChannel(LOCAL, remote, new ChannelInitializer<>() {
            @Override
            protected void initChannel(io.netty.channel.Channel c) {
                pipeline.init(c, listener, true);
            }
        });
        channels.add(ch);
        return ch;
    }

    private void write(EmbeddedChannel ch, String text) {
        ByteBuf b = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        inputs.add(b);
        ch.writeInbound(b);
    }

    private static String out(EmbeddedChannel ch) {
        ByteBuf b = ch.readOutbound();
        if (b == null) {
            return null;
        }
        try {
            return b.toString(StandardCharsets.UTF_8);
        } finally {
            b.release();
        }
    }

    private static String options(String branch, String contentLength) {
        return "OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/TCP 10.0.0.1:5062;branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\n"
                + "Call-ID: " + branch + "@example.com\r\nCSeq: 1 OPTIONS\r\n" + contentLength + "\r\n";
    }

    @Test
    void coalescedRequestsAreDeliveredWithTheConnectionFlow() {
        EmbeddedChannel ch = connect(PEER);
        write(ch, options("z9hG4bK1", "Content-Length: 0\r\n") + options("z9hG4bK2", "l: 0\r\n").substring(0, 30));
        write(ch, options("z9hG4bK2", "l: 0\r\n").substring(30));
        assertEquals(2, w.delivered.size());
        InboundMessage first = w.delivered.get(0);
        assertEquals(Transport.TCP, first.flow().transport());
        assertEquals(PEER, first.flow().remote());
        assertTrue(first.flow().connectionId() > 0);
        assertEquals("198.51.100.7", first.message().topVia().received(), "RFC 3261 §18.2.1 applies to TCP too");
        assertEquals(1, listener.info().openConnections());
    }

    @Test
    void responseGoesBackOnTheSameConnection() {
        EmbeddedChannel ch = connect(PEER);
        write(ch, options("z9hG4bK3", "Content-Length: 0\r\n"));
        InboundMessage in = w.delivered.get(0);
        w.sender.sendResponse(SipResponse.createFor((SipRequest) in.message(), 200), in.flow()).toCompletableFuture().join();
        assertTrue(out(ch).startsWith("SIP/2.0 200 OK\r\n"));
    }

    @Test
    void doubleCrlfPingGetsSingleCrlfPong_rfc5626_3_5_1() {
        EmbeddedChannel ch = connect(PEER);
        write(ch, "\r\n\r\n");
        assertEquals("\r\n", out(ch));
        assertNull(out(ch));
        assertTrue(ch.isActive());
        assertEquals(1, w.metrics.value("sip.transport.tcp.keepalives"));
    }

    @Test
    void missingContentLengthGets400AndClose_rfc3261_18_3() {
        EmbeddedChannel ch = connect(PEER);
        write(ch, options("z9hG4bK4", ""));
        String answer = out(ch);
        assertTrue(answer.startsWith("SIP/2.0 400 Missing Content-Length\r\n"), answer);
        assertTrue(answer.contains("received=198.51.100.7"), answer);
        assertFalse(ch.isActive(), "closed after the answer");
        assertTrue(w.delivered.isEmpty());
        assertEquals(1, w.metrics.value("sip.transport.tcp.parse_errors"));
        assertEquals(0, listener.info().openConnections());
    }

    @Test
    void oversizedRequestGets513AndClose() {
        EmbeddedChannel ch = connect(PEER);
        write(ch, options("z9hG4bK5", "X-Pad: " + "p".repeat(1500) + "\r\nContent-Length: 900\r\n"));
        String answer = out(ch);
        assertTrue(answer.startsWith("SIP/2.0 513 Message Too Large\r\n"), answer);
        assertFalse(ch.isActive());
    }

    @Test
    void oversizedBodyGets413() {
        EmbeddedChannel ch = connect(PEER);
        write(ch, options("z9hG4bK6", "Content-Length: 1500\r\n"));
        assertTrue(out(ch).startsWith("SIP/2.0 413 Request Entity Too Large\r\n"));
        assertFalse(ch.isActive());
    }

    @Test
    void malformedButFramedRequestGets400AndTheConnectionStaysOpen() {
        EmbeddedChannel ch = connect(PEER);
        write(ch, options("z9hG4bK7", "Content-Length: 0\r\n").replace("CSeq: 1 OPTIONS", "CSeq: 1 OPTIONS extra junk"));
        String answer = out(ch);
        assertTrue(answer.startsWith("SIP/2.0 400 "), answer);
        assertTrue(ch.isActive());
        write(ch, options("z9hG4bK8", "Content-Length: 0\r\n"));
        assertEquals(1, w.delivered.size());
    }

    @Test
    void garbageClosesWithoutAnswer() {
        EmbeddedChannel ch = connect(PEER);
        write(ch, "\u0016\u0003\u0001 TLS hello? \r\n\r\n");
        assertNull(out(ch));
        assertFalse(ch.isActive());
        assertEquals(1, w.metrics.value("sip.transport.tcp.parse_errors"));
    }

    @Test
    void perSourceLimitRefusesExcessConnections() {
        EmbeddedChannel a = connect(new InetSocketAddress("198.51.100.7", 1));
        EmbeddedChannel b = connect(new InetSocketAddress("198.51.100.7", 2));
        EmbeddedChannel c = connect(new InetSocketAddress("198.51.100.7", 3));
        EmbeddedChannel other = connect(new InetSocketAddress("198.51.100.8", 1));
        assertTrue(a.isActive());
        assertTrue(b.isActive());
        assertFalse(c.isActive(), "third connection from one IP with maxConnectionsPerSource=2");
        assertTrue(other.isActive());
        assertEquals(1, w.metrics.value("sip.transport.tcp.connections_refused"));
        assertEquals(3, listener.info().openConnections());
        a.close();
        EmbeddedChannel d = connect(new InetSocketAddress("198.51.100.7", 4));
        assertTrue(d.isActive(), "a slot frees when a connection closes");
    }

    @Test
    void randomMixturesOfValidInvalidAndSplitInputNeverThrowOrLeak() {
        java.util.Random random = new java.util.Random(4475);
        String[] pieces = {options("z9hG4bKr", "Content-Length: 0\r\n"), "\r\n", "\r\n\r\n", "Content-Length: 5\r\n",
                "\u0000\u00ff", "SIP/2.0 200 OK\r\n", "l: -3\r\n\r\n", "Via: SIP/2.0/TCP [::1\r\n", "\r\n\r\nabc"};
        for (int round = 0; round < 200; round++) {
            EmbeddedChannel ch = connect(new InetSocketAddress("203.0.113." + (round % 200 + 1), 1000 + round));
            StringBuilder input = new StringBuilder();
            for (int i = random.nextInt(6); i >= 0; i--) {
                input.append(pieces[random.nextInt(pieces.length)]);
            }
            for (int at = 0; at < input.length() && ch.isOpen(); ) {
                int end = Math.min(input.length(), at + 1 + random.nextInt(40));
                write(ch, input.substring(at, end));
                at = end;
            }
            ch.close();
        }
        assertEquals(0, listener.info().openConnections());
    }

    private static void elapse(EmbeddedChannel ch, int seconds) {
        ch.advanceTimeBy(seconds, TimeUnit.SECONDS);
        ch.runPendingTasks();
    }

    @Test
    void slowSenderIsClosedWhenItsMessageIsNotCompleteWithinTcpMessageTimeout() {
        EmbeddedChannel ch = connect(PEER);
        String request = options("z9hG4bKslow", "Content-Length: 0\r\n");
        write(ch, request.substring(0, 40));
        for (int i = 0; i < 9; i++) { // one byte a second: the idle timeout never fires, the message deadline does
            elapse(ch, 1);
            write(ch, request.substring(40 + i, 41 + i));
        }
        assertTrue(ch.isActive(), "9 s after the first byte");
        elapse(ch, 1);
        assertFalse(ch.isActive(), "closed 10 s (tcpMessageTimeout) after the message started");
        assertNull(out(ch), "nothing complete to answer");
        assertTrue(w.delivered.isEmpty());
        assertEquals(1, w.metrics.value("sip.transport.tcp.message_timeouts"));
        assertEquals(0, w.metrics.value("sip.transport.tcp.parse_errors"));
        assertEquals(0, listener.info().openConnections());
    }

    @Test
    void aCompletedMessageCancelsItsDeadlineAndTheNextMessageGetsItsOwn() {
        EmbeddedChannel ch = connect(PEER);
        String first = options("z9hG4bKa", "Content-Length: 0\r\n");
        String second = options("z9hG4bKb", "Content-Length: 0\r\n");
        write(ch, first.substring(0, 50));
        elapse(ch, 9);
        write(ch, first.substring(50) + second.substring(0, 20)); // completes the first, starts the second
        assertEquals(1, w.delivered.size());
        elapse(ch, 9);
        assertTrue(ch.isActive(), "the second message started 9 s ago, not 18 s");
        write(ch, second.substring(20));
        assertEquals(2, w.delivered.size());
        elapse(ch, 60);
        assertTrue(ch.isActive(), "no deadline between messages");
        assertEquals(0, w.metrics.value("sip.transport.tcp.message_timeouts"));
    }

    @Test
    void crlfKeepAlivesBetweenMessagesStartNoDeadline_rfc5626() {
        EmbeddedChannel ch = connect(PEER);
        write(ch, "\r\n"); // a lone CRLF is held until it is known not to be half a double-CRLF ping
        elapse(ch, 60);
        assertTrue(ch.isActive());
        write(ch, "\r\n");
        assertEquals("\r\n", out(ch));
        assertEquals(0, w.metrics.value("sip.transport.tcp.message_timeouts"));
    }
}
