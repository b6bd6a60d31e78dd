package org.strowger.sip.transaction.internal;

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
 * An in-memory network between {@link LoopbackTransport}s on virtual time: every message is encoded
 * and parsed again (so receivers never share objects with senders), and UDP datagrams can be lost,
 * duplicated and delayed (TCP is reliable and in order: never lost or duplicated). Randomness comes
 * from a seeded {@link Random}, so every run is the same.
 */
final class Network {

    private final ManualTimerService timers;
    private final Random random;
    private final SipParser parser = new SipParser(SipCodecConfig.DEFAULTS);
    private final Map<InetSocketAddress, SipMessageHandler> endpoints = new HashMap<>();
    private double loss;
    private double duplication;
    private Duration delay = Duration.ZERO;
    int delivered;
    int lost;
    int duplicated;

    Network(ManualTimerService timers, long seed) {
        this.timers = timers;
        this.random = new Random(seed);
    }

    void attach(InetSocketAddress address, SipMessageHandler handler) {
        endpoints.put(address, handler);
    }

    /** Loses each UDP datagram with probability {@code p}. */
    Network loss(double p) {
        this.loss = p;
        return this;
    }

    /** Delivers each UDP datagram twice with probability {@code p}. */
    Network duplication(double p) {
        this.duplication = p;
        return this;
    }

    /** Delivers every message after {@code d} of virtual time. */
    Network delay(Duration d) {
        this.delay = d;
        return this;
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

    SipMessage parse(byte[] bytes) {
        ParseResult r = parser.parse(bytes, 0, bytes.length);
        if (!r.isSuccess()) {
            throw new AssertionError("the layer sent a message that does not parse: " + r.failure().reason());
        }
        return r.message();
    }

    static long connectionId(Transport transport) {
        return transport.isReliable() ? 1 : 0;
    }
}
