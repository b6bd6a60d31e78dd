package org.strowger.sip.transport.internal;

import org.strowger.platform.testkit.SimpleMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramChannelConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.strowger.platform.api.Clock;
import org.strowger.platform.testkit.ManualClock;
import org.strowger.platform.testkit.ManualTimerService;
import org.strowger.sip.message.api.SipCodecConfig;
import org.strowger.sip.message.api.SipParser;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transport.api.ListenerInfo;
import org.strowger.sip.transport.api.Transport;

/**
 * UDP listeners with several SO_REUSEPORT sockets (native epoll; one NIO socket elsewhere) and socket
 * buffers: real sockets on 127.0.0.1 and free ports, bounded waits.
 */
class UdpReadersTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int TIMEOUT_MS = 5000;
    private static final int PEERS = 40;

    private final SimpleMetrics metrics = new SimpleMetrics();
    private final Set<String> handlerThreads = ConcurrentHashMap.newKeySet();
    private TransportCore core;

    @AfterEach
    void tearDown() {
        if (core != null) {
            core.close();
        }
    }

    /** Two I/O threads, a handler that answers every request 200 through the transport. */
    private void start() {
        core = new TransportCore(new TransportSettings(65535, 65535, 256, 8192, 2, Duration.ofSeconds(300),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(2), 100, 10, 1 << 20, true, true,
                Duration.ofMillis(500)), metrics, Clock.SYSTEM, new ManualTimerService(new ManualClock()), Runnable::run);
        core.setHandler(in -> {
            handlerThreads.add(Thread.currentThread().getName());
            if (in.message() instanceof SipRequest r) {
                core.sendResponse(SipResponse.createFor(r, 200), in.flow());
            }
        });
    }

    private UdpListener open(int port, UdpOptions udp) {
        return (UdpListener) core.open(new ListenerSettings("udp", Transport.UDP, new InetSocketAddress(LOOPBACK, port),
                null, 0, udp));
    }

    private static boolean epoll() {
        return io.netty.channel.epoll.Epoll.isAvailable();
    }

    private static byte[] options(int n) {
        return ("OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5099;rport;branch=z9hG4bKr" + n
                + "\r\nMax-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=" + n + "\r\nTo: <sip:bob@example.com>\r\n"
                + "Call-ID: r" + n + "@example.com\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static DatagramPacket receive(DatagramSocket socket) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
        socket.receive(p);
        return p;
    }

    private static String text(DatagramPacket p) {
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
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

    private ListenerInfo info() {
        return core.listeners().stream().filter(l -> l.name().equals("udp")).findFirst().orElseThrow();
    }

    @Test
    void everyPeerIsAnsweredFromTheListenerPort() throws Exception {
        start();
        UdpListener udp = open(0, new UdpOptions(2, 0, 0));
        InetSocketAddress address = udp.localAddress();
        List<Channel> readers = udp.readers();
        if (epoll()) {
            assertEquals(2, readers.size(), "two sockets with SO_REUSEPORT");
            for (Channel c : readers) {
                assertEquals(address, c.localAddress(), "every socket on the listener's address");
            }
            assertTrue(readers.get(0).eventLoop() != readers.get(1).eventLoop(), "each socket on its own I/O thread");
        } else {
            assertEquals(1, readers.size(), "NIO: one socket whatever udpReaders says");
        }
        List<DatagramSocket> peers = new ArrayList<>();
        try {
            for (int i = 0; i < PEERS; i++) {
                DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                peer.setSoTimeout(TIMEOUT_MS);
                peers.add(peer);
                byte[] request = options(i);
                peer.send(new DatagramPacket(request, request.length, address));
            }
            for (int i = 0; i < PEERS; i++) {
                DatagramPacket answer = receive(peers.get(i));
                assertTrue(text(answer).startsWith("SIP/2.0 200 OK\r\n") && text(answer).contains("branch=z9hG4bKr" + i + ";"),
                        text(answer));
                assertEquals(address, answer.getSocketAddress(), "answered from the listener's address and port");
            }
            // requests from a thread that is not an I/O thread leave from the same port
            for (DatagramSocket peer : peers) {
                core.sendRequest(request(), (InetSocketAddress) peer.getLocalSocketAddress(), Transport.UDP)
                        .toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                DatagramPacket request = receive(peer);
                assertEquals(address, request.getSocketAddress());
                assertTrue(text(request).contains("Via: SIP/2.0/UDP " + address.getHostString() + ":" + address.getPort() + ";"),
                        "sent-by is the listener's: " + text(request));
            }
        } finally {
            peers.forEach(DatagramSocket::close);
        }
        await(() -> info().messagesOut() == 2L * PEERS, "every write counted");
        assertEquals(PEERS, info().messagesIn(), "the counters of all sockets add up");
        if (epoll()) {
            // 40 source ports hashed over 2 sockets: all on one would happen with probability 2^-39
            assertEquals(2, handlerThreads.size(), "both sockets received: " + handlerThreads);
        }
    }

    private static SipRequest request() {
        byte[] b = ("OPTIONS sip:peer@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP placeholder.invalid;branch=z9hG4bKout\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>\r\nCall-ID: out@example.com\r\n"
                + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        return (SipRequest) new SipParser(SipCodecConfig.DEFAULTS).parse(b, 0, b.length).message();
    }

    @Test
    void closeReleasesThePortForAnyone() throws Exception {
        start();
        UdpListener udp = open(0, new UdpOptions(2, 0, 0));
        InetSocketAddress address = udp.localAddress();
        core.close(udp);
        assertTrue(udp.readers().stream().noneMatch(Channel::isOpen), "every socket closed");
        // a socket without SO_REUSEPORT binds only if no socket of the group is left
        try (DatagramSocket rebind = new DatagramSocket(address)) {
            assertEquals(address.getPort(), rebind.getLocalPort());
        }
        UdpListener again = open(address.getPort(), new UdpOptions(2, 0, 0));
        assertEquals(address, again.localAddress(), "the listener binds the same port again");
    }

    @Test
    void aPortInUseFailsTheBindWithTheFix() throws Exception {
        start();
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> open(taken.getLocalPort(), new UdpOptions(2, 0, 0)));
            assertTrue(e.getMessage().contains("'udp'") && e.getMessage().contains("STROWGER_SIP_PORT"), e.getMessage());
        }
        assertEquals(0, core.listeners().size());
    }

    @Test
    void anotherSoReusePortGroupOnThePortIsNotJoined() throws Exception {
        assumeTrue(epoll(), "SO_REUSEPORT groups need native epoll");
        start();
        Channel foreign = new Bootstrap().group(core.ioGroups().workers())
                .channel(io.netty.channel.epoll.EpollDatagramChannel.class)
                .option(io.netty.channel.epoll.EpollChannelOption.SO_REUSEPORT, true)
                .handler(new ChannelInboundHandlerAdapter())
                .bind(new InetSocketAddress(LOOPBACK, 0)).syncUninterruptibly().channel();
        try {
            int port = ((InetSocketAddress) foreign.localAddress()).getPort();
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> open(port, new UdpOptions(2, 0, 0)));
            assertTrue(e.getMessage().contains("'udp'"), e.getMessage());
        } finally {
            foreign.close().awaitUninterruptibly(TIMEOUT_MS);
        }
    }

    @Test
    void receiveAndSendBuffersAreApplied() {
        start();
        int requested = 64 * 1024; // below any Linux rmem_max/wmem_max default (208 KiB)
        UdpListener udp = open(0, new UdpOptions(0, requested, requested));
        assertEquals(epoll() ? 2 : 1, udp.readers().size(), "udpReaders=0: one socket per I/O thread on epoll");
        for (Channel c : udp.readers()) {
            DatagramChannelConfig config = (DatagramChannelConfig) c.config();
            assertTrue(config.getReceiveBufferSize() >= requested, "SO_RCVBUF " + config.getReceiveBufferSize());
            assertTrue(config.getSendBufferSize() >= requested, "SO_SNDBUF " + config.getSendBufferSize());
        }
    }

    @Test
    void bufferReportNamesTheSysctlToRaise() {
        String capped = SocketBuffers.report(4194304, 425984, SocketBuffers.RMEM_MAX, 212992);
        assertTrue(capped.contains("425984 bytes granted for 4194304 requested")
                && capped.contains("sysctl -w net.core.rmem_max=4194304"), capped);
        assertEquals("8388608 bytes granted for 4194304 requested",
                SocketBuffers.report(4194304, 8388608, SocketBuffers.RMEM_MAX, 4194304));
        assertEquals("212992 bytes (kernel default)", SocketBuffers.report(0, 212992, SocketBuffers.RMEM_MAX, 4194304));
        assertTrue(SocketBuffers.report(4194304, 65536, SocketBuffers.RMEM_MAX, -1).contains("limited"));
    }

    @Test
    void negativeOrHugeValuesAreRejectedNamingTheAttribute() {
        assertRejected(Map.of("name", "udp", "udpReaders", -1), "udpReaders", "0 for one socket per I/O thread");
        assertRejected(Map.of("name", "udp", "udpReaders", 5000), "udpReaders", "1-1024");
        assertRejected(Map.of("name", "udp", "udpReceiveBuffer", -4), "udpReceiveBuffer", "0 for the kernel default");
        assertRejected(Map.of("name", "udp", "udpSendBuffer", -1), "udpSendBuffer", "0 for the kernel default");
        assertRejected(Map.of("name", "udp", "udpReceiveBuffer", Integer.MAX_VALUE), "udpReceiveBuffer", "1 GiB");
        ListenerSettings defaults = ListenerSettings.from(Configs.of(ListenerConfig.class, Map.of("name", "udp")));
        assertEquals(UdpOptions.DEFAULTS, defaults.udp(), "defaults in code match the metatype defaults");
        assertEquals(new UdpOptions(3, 1 << 20, 0), ListenerSettings.from(Configs.of(ListenerConfig.class,
                Map.of("name", "udp", "udpReaders", 3, "udpReceiveBuffer", 1 << 20))).udp());
    }

    @Test
    void effectiveReaders() {
        assertEquals(4, new UdpOptions(0, 0, 0).effectiveReaders(4, true), "0: one per I/O thread");
        assertEquals(3, new UdpOptions(3, 0, 0).effectiveReaders(4, true));
        assertEquals(1, new UdpOptions(3, 0, 0).effectiveReaders(4, false), "no SO_REUSEPORT: one socket");
    }

    private static void assertRejected(Map<String, Object> values, String attribute, String hint) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ListenerSettings.from(Configs.of(ListenerConfig.class, values)));
        assertTrue(e.getMessage().contains(attribute + "=") && e.getMessage().contains(hint), e.getMessage());
        assertNotNull(e.getMessage());
    }
}
