package org.strowger.sip.transaction.testkit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.strowger.platform.testkit.ManualTimerService;
import org.strowger.sip.message.api.ParseResult;
import org.strowger.sip.message.api.SipCodecConfig;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipParser;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.InboundMessage;
import org.strowger.sip.transport.api.Transport;
import org.strowger.sip.transport.spi.SipMessageHandler;

/**
 * An in-memory network between {@link LoopbackSipTransport}s on virtual time: every message is encoded
 * and parsed again (so receivers never share objects with senders), and UDP datagrams can be lost,
 * duplicated and delayed (TCP is reliable and in order: never lost or duplicated). Randomness comes
 * from a seeded {@link Random}, so every run is the same. Single-threaded, like the rest of the testkit.
 */
public final class SipTestNetwork {

    private final ManualTimerService timers;
    private final Random random;
    private final SipParser parser = new SipParser(SipCodecConfig.DEFAULTS);
    private final Map<InetSocketAddress, SipMessageHandler> endpoints = new HashMap<>();
    private double loss;
    private double duplication;
    private Duration delay = Duration.ZERO;
    private int delivered;
    private int lost;
    private int duplicated;

    /**
     * A perfect network (no loss, no duplication, no delay) until told otherwise.
     *
     * @param timers delays are scheduled on it; arrival times are its clock's
     * @param seed   seeds the loss and duplication decisions
     */
    public SipTestNetwork(ManualTimerService timers, long seed) {
        this.timers = timers;
        this.random = new Random(seed);
    }

    /** Loses each UDP datagram with probability {@code p} (0 to 1); returns this network. */
    public SipTestNetwork loss(double p) {
        this.loss = probability(p);
        return this;
    }

    /** Delivers each UDP datagram twice with probability {@code p} (0 to 1); returns this network. */
    public SipTestNetwork duplication(double p) {
        this.duplication = probability(p);
        return this;
    }

    /** Delivers every message (UDP and TCP) after {@code d} of virtual time; returns this network. */
    public SipTestNetwork delay(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0, was " + d);
        }
        this.delay = d;
        return this;
    }

    /** Messages handed to an attached handler so far (a duplicate counts twice). */
    public int delivered() {
        return delivered;
    }

    /** UDP datagrams lost so far, plus messages to an address nothing is attached to. */
    public int lost() {
        return lost;
    }

    /** UDP datagrams delivered twice so far. */
    public int duplicated() {
        return duplicated;
    }

    /** Messages to {@code address} go to {@code handler} from now on (e.g. a transaction layer). */
    public void attach(InetSocketAddress address, SipMessageHandler handler) {
        endpoints.put(address, handler);
    }

    /** Messages to {@code address} are lost from now on, as if the host went away. */
    public void detach(InetSocketAddress address) {
        endpoints.remove(address);
    }

    /** Carries {@code message} (already encoded by the sender) from {@code from} to {@code to}. */
    void carry(byte[] message, Transport transport, InetSocketAddress from, InetSocketAddress to) {
        if (!transport.isReliable() && random.nextDouble() < loss) {
            lost++;
            return;
        }
        int copies = !transport.isReliable() && random.nextDouble() < duplication ? 2 : 1;
        if (copies == 2) {
            duplicated++;
        }
        for (int i = 0; i < copies; i++) {
            if (delay.isZero()) {
                arrive(message, transport, from, to);
            } else {
                timers.schedule(delay, Runnable::run, () -> arrive(message, transport, from, to));
            }
        }
    }

    private void arrive(byte[] bytes, Transport transport, InetSocketAddress from, InetSocketAddress to) {
        SipMessageHandler handler = endpoints.get(to);
        if (handler == null) {
            lost++;
            return;
        }
        delivered++;
        handler.onMessage(new InboundMessage(parse(bytes), new Flow(transport, to, from, connectionId(transport)),
                timers.clock().nanoTime()));
    }

    /** Parses what a sender encoded; a message that does not parse is a bug in the code under test. */
    SipMessage parse(byte[] bytes) {
        ParseResult r = parser.parse(bytes, 0, bytes.length);
        if (!r.isSuccess()) {
            throw new AssertionError("a message was sent that does not parse: " + r.failure().reason());
        }
        return r.message();
    }

    /** One connection per reliable transport (id 1); datagrams have none (0). */
    static long connectionId(Transport transport) {
        return transport.isReliable() ? 1 : 0;
    }

    private static double probability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be 0..1, was " + p);
        }
        return p;
    }
}
