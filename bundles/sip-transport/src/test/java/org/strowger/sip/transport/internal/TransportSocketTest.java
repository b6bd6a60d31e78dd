package org.strowger.sip.transport.internal;

import org.strowger.platform.testkit.SimpleMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.strowger.platform.api.Clock;
import org.strowger.platform.testkit.ManualClock;
import org.strowger.platform.testkit.ManualTimerService;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipParser;
import org.strowger.sip.message.api.SipCodecConfig;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.InboundMessage;
import org.strowger.sip.transport.api.ListenerInfo;
import org.strowger.sip.transport.api.Transport;

/** Real listeners on 127.0.0.1 and free ports: round trips, connection reuse, reaping, limits. */
class TransportSocketTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int TIMEOUT_MS = 5000;

    private final SimpleMetrics metrics = new SimpleMetrics();
    private final BlockingQueue<InboundMessage> received = new LinkedBlockingQueue<>();
    private TransportCore core;

    @AfterEach
    void tearDown() {
        if (core != null) {
            core.close();
        }
    }

    private TransportCore start(int idleSeconds, int maxPerSource) {
        core = new TransportCore(new TransportSettings(65535, 65535, 256, 8192, 1, Duration.ofSeconds(idleSeconds),
                Duration.ofSeconds(idleSeconds), Duration.ofSeconds(30), Duration.ofSeconds(2), 100, maxPerSource, 1 << 20,
                true, true, Duration.ofMillis(500)), metrics, Clock.SYSTEM, new ManualTimerService(new ManualClock()), Runnable::run);
        core.setHandler(received::add);
        return core;
    }

    private Listener open(String name, Transport transport) {
        return core.open(new ListenerSettings(name, transport, new InetSocketAddress(LOOPBACK, 0), null, 0));
    }

    /** A handler that answers every request 200 through the transport, as the upper layer would. */
    private void answer200() {
        core.setHandler(in -> {
            received.add(in);
            if (in.message() instanceof SipRequest r && !SipMethod.ACK.equals(r.method())) {
                core.sendResponse(SipResponse.createFor(r, 200), in.flow());
            }
        });
    }

    private InboundMessage next() throws InterruptedException {
        InboundMessage m = received.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertNotNull(m, "message delivered within " + TIMEOUT_MS + " ms");
        return m;
    }

    private static String options(String via) {
        return "OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\nVia: " + via + "\r\nMax-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: t@example.com\r\n"
                + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }

    private static SipRequest request(int bodySize) {
        byte[] b = bytes(options("SIP/2.0/UDP placeholder.invalid;branch=z9hG4bKout;rport"));
        SipRequest r = (SipRequest) new SipParser(SipCodecConfig.DEFAULTS).parse(b, 0, b.length).message();
        if (bodySize > 0) {
            r.setBody("text/plain", "b".repeat(bodySize).getBytes(StandardCharsets.US_ASCII));
        }
        return r;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String receive(DatagramSocket socket) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
        socket.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    /** Reads one message (header section + Content-Length body) from a stream. */
    private static String readMessage(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + out);
            }
            out.write(b);
            String s = out.toString(StandardCharsets.UTF_8);
            if (s.endsWith("\r\n\r\n")) {
                int at = s.toLowerCase().indexOf("content-length:");
                int length = at < 0 ? 0 : Integer.parseInt(s.substring(at + 15, s.indexOf('\r', at)).trim());
                return s + new String(in.readNBytes(length), StandardCharsets.UTF_8);
            }
        }
        throw new IOException("message too long");
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private ListenerInfo info(String name) {
        return core.listeners().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    /** RFC 3261 §8.1.1.8 / §18.1.1: the address a Contact names is the one a Via sent-by would carry. */
    @Test
    void rfc3261_8_1_1_8_advertisedAddressIsTheSentByOfTheListenerUsed() throws Exception {
        start(300, 100);
        Listener udp = open("udp", Transport.UDP);
        core.open(new ListenerSettings("nat", Transport.TCP, new InetSocketAddress(LOOPBACK, 0), "sip.example.com", 5099));
        assertEquals(new org.strowger.sip.transport.api.HostPort("127.0.0.1", udp.localAddress().getPort()),
                core.advertisedAddress(Transport.UDP, LOOPBACK).orElseThrow());
        assertEquals(new org.strowger.sip.transport.api.HostPort("sip.example.com", 5099),
                core.advertisedAddress(Transport.TCP, LOOPBACK).orElseThrow());
        assertTrue(core.advertisedAddress(Transport.UDP, InetAddress.getByAddress(new byte[16])).isEmpty(),
                "an IPv4 listener cannot reach an IPv6 peer");
    }

    @Test
    void udpRequestGetsResponseAtRport() throws Exception {
        start(300, 10);
        answer200();
        Listener udp = open("udp", Transport.UDP);
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            client.setSoTimeout(TIMEOUT_MS);
            byte[] req = bytes(options("SIP/2.0/UDP 192.0.2.1:5099;rport;branch=z9hG4bKu1"));
            client.send(new DatagramPacket(req, req.length, udp.localAddress()));
            String answer = receive(client);
            assertTrue(answer.startsWith("SIP/2.0 200 OK\r\n"), answer);
            assertTrue(answer.contains(";received=127.0.0.1") && answer.contains(";rport=" + client.getLocalPort()), answer);
        }
        assertEquals(0, next().flow().connectionId(), "UDP flows have no connection");
        await(() -> info("udp").messagesOut() == 1, "counted out");
        assertEquals(1, info("udp").messagesIn());
    }

    @Test
    void udpRequestOutWithSentByAndResponseIn() throws Exception {
        start(300, 10);
        Listener udp = open("udp", Transport.UDP);
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            peer.setSoTimeout(TIMEOUT_MS);
            Flow flow = core.sendRequest(request(0), (InetSocketAddress) peer.getLocalSocketAddress(), Transport.UDP)
                    .toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertEquals(Transport.UDP, flow.transport());
            String text = receive(peer);
            String sentBy = "Via: SIP/2.0/UDP 127.0.0.1:" + udp.localAddress().getPort() + ";branch=z9hG4bKout;rport";
            assertTrue(text.contains(sentBy), "RFC 3261 §18.1.1 sent-by inserted: " + text);
            String response = text.replaceFirst("^OPTIONS sip:bob@127.0.0.1 SIP/2.0", "SIP/2.0 200 OK");
            peer.send(new DatagramPacket(bytes(response), bytes(response).length, udp.localAddress()));
        }
        InboundMessage in = next();
        assertTrue(in.message() instanceof SipResponse r && r.statusCode() == 200);
    }

    @Test
    void tcpResponseReusesTheConnectionAndRequestsReuseItToo() throws Exception {
        start(300, 10);
        answer200();
        Listener tcp = open("tcp", Transport.TCP);
        try (Socket client = new Socket(LOOPBACK, tcp.localAddress().getPort())) {
            client.setSoTimeout(TIMEOUT_MS);
            client.getOutputStream().write(bytes(options("SIP/2.0/TCP 192.0.2.1:5099;branch=z9hG4bKt1")));
            String answer = readMessage(client.getInputStream());
            assertTrue(answer.startsWith("SIP/2.0 200 OK\r\n"), answer);
            InboundMessage in = next();
            assertEquals(Transport.TCP, in.flow().transport());

            // RFC 5923 spirit: a request to the peer's address goes over the open connection.
            Flow out = core.sendRequest(request(0), (InetSocketAddress) client.getLocalSocketAddress(), Transport.TCP)
                    .toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertEquals(in.flow().connectionId(), out.connectionId());
            String request = readMessage(client.getInputStream());
            assertTrue(request.startsWith("OPTIONS "), request);
            assertTrue(request.contains("Via: SIP/2.0/TCP 127.0.0.1:" + tcp.localAddress().getPort()), request);
            assertEquals(1, info("tcp").openConnections());
        }
        await(() -> info("tcp").openConnections() == 0, "connection closed by the peer is forgotten");
    }

    @Test
    void requestOver1300BytesGoesOverTcp_rfc3261_18_1_1() throws Exception {
        start(300, 10);
        open("udp", Transport.UDP);
        Listener tcp = open("tcp", Transport.TCP);
        try (ServerSocket peer = new ServerSocket(0, 5, LOOPBACK)) {
            peer.setSoTimeout(TIMEOUT_MS);
            Flow flow = core.sendRequest(request(1400), (InetSocketAddress) peer.getLocalSocketAddress(), Transport.UDP)
                    .toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertEquals(Transport.TCP, flow.transport());
            try (Socket accepted = peer.accept()) {
                accepted.setSoTimeout(TIMEOUT_MS);
                String text = readMessage(accepted.getInputStream());
                assertTrue(text.contains("Via: SIP/2.0/TCP 127.0.0.1:" + tcp.localAddress().getPort() + ";"),
                        "the top Via names the new transport: " + text);
                assertTrue(text.endsWith("b".repeat(1400)));
            }
        }
    }

    @Test
    void largeRequestFallsBackToUdpWhenTcpConnectFails() throws Exception {
        start(300, 10);
        open("udp", Transport.UDP);
        open("tcp", Transport.TCP);
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            peer.setSoTimeout(TIMEOUT_MS);
            // nothing listens on TCP at the peer's port: the connection is refused
            Flow flow = core.sendRequest(request(1400), (InetSocketAddress) peer.getLocalSocketAddress(), Transport.UDP)
                    .toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertEquals(Transport.UDP, flow.transport());
            assertTrue(receive(peer).contains("Via: SIP/2.0/UDP 127.0.0.1:"));
        }
    }

    @Test
    void idleConnectionsAreReaped() throws Exception {
        start(1, 10);
        Listener tcp = open("tcp", Transport.TCP);
        try (Socket client = new Socket(LOOPBACK, tcp.localAddress().getPort())) {
            client.setSoTimeout(TIMEOUT_MS);
            await(() -> info("tcp").openConnections() == 1, "connection registered");
            assertEquals(-1, client.getInputStream().read(), "server closes the idle connection");
        }
        await(() -> info("tcp").openConnections() == 0, "reaped connection forgotten");
    }

    @Test
    void keepAlivePingOverTcpGetsPong_rfc5626() throws Exception {
        start(300, 10);
        Listener tcp = open("tcp", Transport.TCP);
        try (Socket client = new Socket(LOOPBACK, tcp.localAddress().getPort())) {
            client.setSoTimeout(TIMEOUT_MS);
            client.getOutputStream().write(bytes("\r\n\r\n"));
            assertEquals('\r', client.getInputStream().read());
            assertEquals('\n', client.getInputStream().read());
        }
    }

    @Test
    void connectionsBeyondThePerSourceLimitAreClosed() throws Exception {
        start(300, 2);
        Listener tcp = open("tcp", Transport.TCP);
        int port = tcp.localAddress().getPort();
        try (Socket a = new Socket(LOOPBACK, port); Socket b = new Socket(LOOPBACK, port)) {
            await(() -> info("tcp").openConnections() == 2, "two connections");
            try (Socket c = new Socket(LOOPBACK, port)) {
                c.setSoTimeout(TIMEOUT_MS);
                assertEquals(-1, c.getInputStream().read(), "third connection from 127.0.0.1 is closed");
            }
            assertEquals(1, metrics.value("sip.transport.tcp.connections_refused"));
            a.setSoTimeout(TIMEOUT_MS);
            a.getOutputStream().write(bytes("\r\n\r\n"));
            assertEquals('\r', a.getInputStream().read(), "admitted connections keep working");
        }
    }

    @Test
    void closingAListenerClosesItsSocketAndConnections() throws Exception {
        start(300, 10);
        Listener tcp = open("tcp", Transport.TCP);
        Listener udp = open("udp", Transport.UDP);
        int port = tcp.localAddress().getPort();
        try (Socket client = new Socket(LOOPBACK, port)) {
            client.setSoTimeout(TIMEOUT_MS);
            await(() -> info("tcp").openConnections() == 1, "connected");
            core.close(tcp);
            assertEquals(-1, client.getInputStream().read());
        }
        assertThrows(IOException.class, () -> new Socket(LOOPBACK, port).close(), "no longer listening");
        InetSocketAddress udpAddress = udp.localAddress();
        core.close(udp);
        assertEquals(0, core.listeners().size());
        try (DatagramSocket rebind = new DatagramSocket(udpAddress)) {
            assertEquals(udpAddress.getPort(), rebind.getLocalPort(), "UDP port released");
        }
    }

    @Test
    void bindFailureNamesTheListenerAndTheFix() throws Exception {
        start(300, 10);
        try (ServerSocket taken = new ServerSocket(0, 5, LOOPBACK)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> core.open(new ListenerSettings("tcp",
                    Transport.TCP, new InetSocketAddress(LOOPBACK, taken.getLocalPort()), null, 0)));
            assertTrue(e.getMessage().contains("'tcp'") && e.getMessage().contains("STROWGER_SIP_PORT"), e.getMessage());
        }
        assertEquals(0, core.listeners().size());
    }
}
