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
import org.strowger.sip.transaction.api.TransactionLayer;
import org.strowger.sip.transaction.spi.ServerTransactionUser;
import org.strowger.sip.transaction.testkit.LoopbackSipTransport;
import org.strowger.platform.testkit.SimpleMetrics;
import org.strowger.sip.transaction.testkit.SipTestNetwork;
import org.strowger.sip.transaction.testkit.SipTestNode;
import org.strowger.sip.transaction.testkit.StaticSipResolver;
import org.strowger.sip.transaction.testkit.TrampolineExecutor;
import org.strowger.sip.transport.api.InboundMessage;
import org.strowger.sip.transport.api.Transport;

/**
 * The testkit assembled for this bundle's tests: virtual time (ManualClock/ManualTimerService), one
 * {@link TrampolineExecutor} for every call, a {@link SipTestNetwork}, a {@link StaticSipResolver}, and
 * on them transaction layers ({@link Node}, a {@link SipTestNode} with a recording server TU bound) and
 * scripted peers without a transaction layer ({@link Peer}), each on its own loopback address and port
 * 5060.
 */
final class Harness {

    final ManualClock clock = new ManualClock();
    final ManualTimerService timers = new ManualTimerService(clock);
    final TrampolineExecutor executor = new TrampolineExecutor();
    final StaticSipResolver resolver = new StaticSipResolver();
    final SipTestNetwork network;

    Harness() {
        this(1);
    }

    Harness(long seed) {
        this.network = new SipTestNetwork(timers, seed);
    }

    static InetSocketAddress address(String ip) {
        return StaticSipResolver.address(ip, 5060);
    }

    Node node(String ip) {
        return new Node(new SipTestNode(network, ip, timers, executor, resolver));
    }

    Node node(String ip, Settings s) {
        return new Node(new SipTestNode(network, ip, timers, executor, resolver, Duration.ofMillis(s.t1()),
                Duration.ofMillis(s.t2()), Duration.ofMillis(s.t4()), Duration.ofMillis(s.trying()), s.maxTransactions(),
                s.maxTransactionsPerSource()));
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

    /** Other T1/T2/T4 and 100 Trying delay (ms) and other transaction limits. */
    record Settings(long t1, long t2, long t4, long trying, int maxTransactions, int maxTransactionsPerSource) {
    }

    static Settings settings(long t1, long t2, long t4, long trying, int maxTransactions) {
        return new Settings(t1, t2, t4, trying, maxTransactions, LayerSettings.DEFAULT_MAX_TRANSACTIONS_PER_SOURCE);
    }

    static Settings settings(long t1, long t2, long t4, long trying, int maxTransactions, int maxTransactionsPerSource) {
        return new Settings(t1, t2, t4, trying, maxTransactions, maxTransactionsPerSource);
    }

    /** A transaction layer on the network, with a recording server TU bound. */
    static final class Node {
        final SipTestNode node;
        final TransactionLayer layer;
        final LoopbackSipTransport transport;
        final RecordingServerUser user = new RecordingServerUser();
        final SimpleMetrics metrics;
        final InetSocketAddress address;

        Node(SipTestNode node) {
            this.node = node;
            this.layer = node.layer();
            this.transport = node.transport();
            this.metrics = node.metrics();
            this.address = node.address();
            node.setUser(user);
        }

        /** The value of the counter {@code sip.transaction.<suffix>}. */
        long metric(String suffix) {
            return metrics.value(LayerMetrics.PREFIX + suffix);
        }

        void setUser(ServerTransactionUser u) {
            node.setUser(u);
        }

        void clearUser(ServerTransactionUser u) {
            node.clearUser(u);
        }

        /** The URI of this node, e.g. {@code sip:bob@127.0.0.2:5060}. */
        String uri(String user) {
            return "sip:" + user + "@" + address.getAddress().getHostAddress() + ":" + address.getPort();
        }
    }

    /** A remote endpoint the test scripts by hand: it records what arrives and sends what it is told. */
    static final class Peer {
        final LoopbackSipTransport transport;
        final List<InboundMessage> received = new ArrayList<>();
        final InetSocketAddress address;

        Peer(Harness h, InetSocketAddress address) {
            this.address = address;
            this.transport = new LoopbackSipTransport(h.network, address);
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
