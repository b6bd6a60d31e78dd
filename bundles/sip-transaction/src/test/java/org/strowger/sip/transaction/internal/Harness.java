package org.strowger.sip.transaction.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.strowger.platform.testkit.ManualClock;
import org.strowger.platform.testkit.ManualTimerService;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transport.api.InboundMessage;
import org.strowger.sip.transport.api.Transport;

/**
 * Virtual time (ManualClock/ManualTimerService), one {@link TrampolineExecutor} for every call, a
 * {@link Network}, a {@link TestResolver}, and on them transaction layers ({@link Node}) and scripted
 * peers without a transaction layer ({@link Peer}), each on its own loopback address and port 5060.
 */
final class Harness {

    final ManualClock clock = new ManualClock();
    final ManualTimerService timers = new ManualTimerService(clock);
    final TrampolineExecutor executor = new TrampolineExecutor();
    final TestResolver resolver = new TestResolver();
    final Network network;

    Harness() {
        this(1);
    }

    Harness(long seed) {
        this.network = new Network(timers, seed);
    }

    static InetSocketAddress address(String ip) {
        return TestResolver.address(ip, 5060);
    }

    Node node(String ip) {
        return node(ip, LayerSettings.DEFAULTS);
    }

    Node node(String ip, LayerSettings settings) {
        return new Node(this, address(ip), settings);
    }

    Peer peer(String ip) {
        return new Peer(this, address(ip));
    }

    void advance(Duration d) {
        timers.advance(d);
    }

    void advanceMillis(long millis) {
        timers.advance(Duration.ofMillis(millis));
    }

    /** Settings with other T1/T2/T4 and 100 Trying delay. */
    static LayerSettings settings(long t1, long t2, long t4, long trying, int maxTransactions) {
        return new LayerSettings(new SipTimers(Duration.ofMillis(t1), Duration.ofMillis(t2), Duration.ofMillis(t4)),
                Duration.ofMillis(trying), maxTransactions, 5);
    }

    /** A transaction layer on the network, with a recording server TU bound. */
    static final class Node {
        final DefaultTransactionLayer layer;
        final LoopbackTransport transport;
        final RecordingServerUser user = new RecordingServerUser();
        final TestMetrics metrics = new TestMetrics();
        final InetSocketAddress address;

        Node(Harness h, InetSocketAddress address, LayerSettings settings) {
            this.address = address;
            this.transport = new LoopbackTransport(h.network, address);
            this.layer = new DefaultTransactionLayer(transport, h.timers, new TestSerialExecutors(h.executor),
                    new TestIds(address.getAddress().getHostAddress().replace('.', '_')), metrics, h.clock, h.resolver,
                    settings);
            layer.setUser(user);
            h.network.attach(address, layer);
        }

        /** The URI of this node, e.g. {@code sip:bob@127.0.0.2:5060}. */
        String uri(String user) {
            return "sip:" + user + "@" + address.getAddress().getHostAddress() + ":" + address.getPort();
        }
    }

    /** A remote endpoint the test scripts by hand: it records what arrives and sends what it is told. */
    static final class Peer {
        final LoopbackTransport transport;
        final List<InboundMessage> received = new ArrayList<>();
        final InetSocketAddress address;

        Peer(Harness h, InetSocketAddress address) {
            this.address = address;
            this.transport = new LoopbackTransport(h.network, address);
            h.network.attach(address, received::add);
        }

        List<InboundMessage> requests(String method) {
            return received.stream()
                    .filter(m -> m.message() instanceof SipRequest r && r.method().name().equals(method)).toList();
        }

        List<SipResponse> responses() {
            return received.stream().filter(m -> m.message() instanceof SipResponse)
                    .map(m -> (SipResponse) m.message()).toList();
        }

        InboundMessage last(String method) {
            List<InboundMessage> list = requests(method);
            if (list.isEmpty()) {
                throw new AssertionError("peer received no " + method + "; got " + received.stream()
                        .map(InboundMessage::message).map(SipMessage::startLine).toList());
            }
            return list.get(list.size() - 1);
        }

        /** Answers a received request along its flow. */
        void respond(InboundMessage request, int status, String toTag) {
            transport.sendResponse(Messages.response((SipRequest) request.message(), status, toTag), request.flow());
        }

        void respond(InboundMessage request, SipResponse response) {
            transport.sendResponse(response, request.flow());
        }

        /** Sends a request (with its own Via) to {@code to} over UDP. */
        void send(SipRequest request, InetSocketAddress to) {
            transport.sendRequest(request, to, Transport.UDP);
        }

        void send(SipRequest request, InetSocketAddress to, Transport over) {
            transport.sendRequest(request, to, over);
        }
    }
}
