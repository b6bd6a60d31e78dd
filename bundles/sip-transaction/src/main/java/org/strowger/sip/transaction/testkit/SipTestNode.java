package org.strowger.sip.transaction.testkit;

import org.strowger.platform.testkit.SimpleMetrics;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executor;

import org.strowger.platform.testkit.ManualTimerService;
import org.strowger.sip.dns.api.SipResolver;
import org.strowger.sip.transaction.api.TransactionLayer;
import org.strowger.sip.transaction.internal.DefaultTransactionLayer;
import org.strowger.sip.transaction.internal.LayerSettings;
import org.strowger.sip.transaction.internal.SipTimers;
import org.strowger.sip.transaction.spi.ServerTransactionUser;

/**
 * A transaction layer on a {@link SipTestNetwork}: its own {@link LoopbackSipTransport} on
 * {@code ip:5060}, the real {@code DefaultTransactionLayer} with default timers (RFC 3261 §17.1.1.1:
 * T1 500 ms, T2 4 s, T4 5 s; 100 Trying after 200 ms, §17.2.1) unless given others, all calls on one
 * executor, {@link SequentialIds} prefixed with the IP ({@code z9hG4bK-127_0_0_1-1}) and its own
 * {@link SimpleMetrics}. Attached to the network at construction; no {@link ServerTransactionUser} is
 * bound until {@link #setUser} (until then new requests are answered 503, as in a runtime without one).
 */
public final class SipTestNode {

    private final InetSocketAddress address;
    private final LoopbackSipTransport transport;
    private final SimpleMetrics metrics = new SimpleMetrics();
    private final DefaultTransactionLayer layer;

    /** A node with the default timers (T1 500 ms, T2 4 s, T4 5 s, 100 Trying after 200 ms). */
    public SipTestNode(SipTestNetwork network, String ip, ManualTimerService timers, Executor executor,
            SipResolver resolver) {
        this(network, ip, timers, executor, resolver, LayerSettings.DEFAULTS);
    }

    /**
     * A node with other timers and the default limits (500000 live transactions, 250000 per source).
     *
     * @param t1             RTT estimate (RFC 3261 §17.1.1.1), &gt; 0
     * @param t2             cap of the retransmission intervals, ≥ t1
     * @param t4             maximum message lifetime, &gt; 0
     * @param trying100Delay how long an INVITE server transaction waits for the TU before sending 100 Trying
     *                       itself; zero sends it at once
     */
    public SipTestNode(SipTestNetwork network, String ip, ManualTimerService timers, Executor executor,
            SipResolver resolver, Duration t1, Duration t2, Duration t4, Duration trying100Delay) {
        this(network, ip, timers, executor, resolver, t1, t2, t4, trying100Delay,
                LayerSettings.DEFAULTS.maxTransactions());
    }

    /**
     * A node with other timers and a limit of live transactions, past which new requests are refused
     * with 503 (and new client transactions get a synthesized 503).
     *
     * @param maxTransactions live transactions at most, ≥ 1
     */
    public SipTestNode(SipTestNetwork network, String ip, ManualTimerService timers, Executor executor,
            SipResolver resolver, Duration t1, Duration t2, Duration t4, Duration trying100Delay, int maxTransactions) {
        this(network, ip, timers, executor, resolver, t1, t2, t4, trying100Delay, maxTransactions,
                LayerSettings.DEFAULT_MAX_TRANSACTIONS_PER_SOURCE);
    }

    /**
     * A node with other timers, a limit of live transactions and a limit of live server transactions per
     * source IP, past which new requests from that IP are refused with 503.
     *
     * @param maxTransactions          live transactions at most, ≥ 1
     * @param maxTransactionsPerSource live server transactions whose requests came from one IP at most, ≥ 1
     */
    public SipTestNode(SipTestNetwork network, String ip, ManualTimerService timers, Executor executor,
            SipResolver resolver, Duration t1, Duration t2, Duration t4, Duration trying100Delay, int maxTransactions,
            int maxTransactionsPerSource) {
        this(network, ip, timers, executor, resolver, new LayerSettings(new SipTimers(t1, t2, t4), trying100Delay,
                maxTransactions, LayerSettings.DEFAULTS.retryAfterSeconds(), maxTransactionsPerSource));
    }

    private SipTestNode(SipTestNetwork network, String ip, ManualTimerService timers, Executor executor,
            SipResolver resolver, LayerSettings settings) {
        this.address = StaticSipResolver.address(ip, 5060);
        this.transport = new LoopbackSipTransport(network, address);
        this.layer = new DefaultTransactionLayer(transport, timers, new SingleSerialExecutors(executor),
                new SequentialIds(ip.replaceAll("[^A-Za-z0-9]", "_")), metrics, timers.clock(), resolver, settings);
        network.attach(address, layer);
    }

    /** The transaction layer, as the TransactionLayer service would be. */
    public TransactionLayer layer() {
        return layer;
    }

    /** The node's transport: what the layer sent, and failures to inject. */
    public LoopbackSipTransport transport() {
        return transport;
    }

    /** The node's counters ({@code sip.transaction.*}, see the bundle README). */
    public SimpleMetrics metrics() {
        return metrics;
    }

    /** {@code ip:5060}. */
    public InetSocketAddress address() {
        return address;
    }

    /** Binds the server transaction user, replacing the bound one (as DS binds a greedy reference). */
    public void setUser(ServerTransactionUser user) {
        layer.setUser(user);
    }

    /**
     * Stops the layer as deactivating its component would: inbound messages are ignored from now on,
     * every pending client request ends with a synthesized 503 "layer stopping" and {@code onTerminated},
     * and later {@code sendRequest}s get that 503 at once.
     */
    public void stop() {
        layer.close();
    }

    /** Unbinds {@code user} if it is still the bound one (as DS unbinds after binding a replacement). */
    public void clearUser(ServerTransactionUser user) {
        layer.clearUser(user);
    }
}
