package org.strowger.sip.transport.internal;

import org.strowger.platform.testkit.SimpleMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.strowger.platform.testkit.ManualClock;
import org.strowger.platform.testkit.ManualTimerService;
import org.strowger.sip.transport.api.Transport;

/**
 * RFC 3261 §18.1.2 on a wildcard listener: "our" sent-by is looked up in a snapshot of the machine's
 * addresses, never by asking the operating system per response (an attacker varies the Via IP at will).
 */
class LocalAddressesTest {

    /** Stands in for the network interfaces, counting how often they are read (each read is a system call). */
    private static final class Interfaces implements Supplier<Collection<InetAddress>> {
        final Set<InetAddress> addresses = new CopyOnWriteArraySet<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public Collection<InetAddress> get() {
            reads.incrementAndGet();
            return List.copyOf(addresses);
        }
    }

    private static InetAddress ip(String literal) {
        return IpLiterals.parse(literal);
    }

    private final Interfaces interfaces = new Interfaces();
    private final ManualTimerService timer = new ManualTimerService(new ManualClock());
    private final Listeners listeners;
    private final SimpleMetrics metrics = new SimpleMetrics();

    LocalAddressesTest() {
        interfaces.addresses.add(ip("192.0.2.10"));
        listeners = new Listeners(new LocalAddresses(interfaces));
        listeners.add(new UdpListener(new ListenerSettings("any", Transport.UDP, new InetSocketAddress("0.0.0.0", 5060),
                null, 0), new ListenerCounters(metrics, "any")));
    }

    @Test
    void responsesWithUnknownSentByCostNoSystemCall_rfc3261_18_1_2() {
        assertEquals(1, interfaces.reads.get(), "read once when the transport starts");
        assertTrue(listeners.isOurSentBy("192.0.2.10", 5060), "an interface address");
        assertTrue(listeners.isOurSentBy("127.0.0.1", 0), "loopback, default port");
        for (int i = 0; i < 5000; i++) { // an attacker varying the Via IP
            assertFalse(listeners.isOurSentBy("198.51." + (i / 250) + "." + (i % 250), 5060));
        }
        assertFalse(listeners.isOurSentBy("192.0.2.10", 5070), "wrong port");
        assertFalse(listeners.isOurSentBy("[fe80::1%nosuchinterface0]", 5060), "zone names are not resolved");
        assertEquals(1, interfaces.reads.get(), "no interface lookups on the hot path");
    }

    @Test
    void anAddressAddedToAnInterfaceIsRecognisedAfterTheNextRefresh() {
        LocalAddresses local = listeners.local();
        local.start(timer, Runnable::run, Duration.ofSeconds(30));
        interfaces.addresses.add(ip("2001:db8::7"));
        assertFalse(listeners.isOurSentBy("[2001:db8::7]", 5060), "not before the refresh");
        timer.advance(Duration.ofSeconds(29));
        assertEquals(1, interfaces.reads.get());
        timer.advance(Duration.ofSeconds(1));
        assertEquals(2, interfaces.reads.get(), "refreshed by the timer, on the given executor");
        assertTrue(listeners.isOurSentBy("[2001:db8::7]", 5060));
        assertTrue(listeners.isOurSentBy("[2001:DB8:0:0::7]", 5060), "any spelling of the IPv6 address");
        timer.advance(Duration.ofSeconds(60));
        assertEquals(4, interfaces.reads.get(), "every interval, no more");
        local.stop();
        timer.advance(Duration.ofSeconds(60));
        assertEquals(4, interfaces.reads.get(), "stopped with the transport");
        assertEquals(0, timer.pending());
    }

    @Test
    void refreshKeepsGoingWhenItsExecutorRefusesOnceAndKeepsTheLastSnapshotOnError() {
        LocalAddresses local = listeners.local();
        AtomicInteger offered = new AtomicInteger();
        local.start(timer, task -> {
            if (offered.incrementAndGet() == 1) {
                throw new RejectedExecutionException("queue full");
            }
            task.run();
        }, Duration.ofSeconds(30));
        try {
            timer.advance(Duration.ofSeconds(30));
        } catch (RejectedExecutionException expected) {
            // the shared timer logs it; the next refresh is already scheduled
        }
        timer.advance(Duration.ofSeconds(30));
        assertEquals(2, interfaces.reads.get());
        LocalAddresses failing = new LocalAddresses(() -> {
            throw new IllegalStateException("no interfaces");
        });
        assertFalse(failing.contains(ip("192.0.2.10")));
        assertTrue(failing.contains(ip("::1")), "loopback needs no snapshot");
        local.stop();
    }

    @Test
    void listenersBoundAndAdvertisedAddressesCountAsLocal() {
        LocalAddresses local = listeners.local();
        assertFalse(local.contains(ip("203.0.113.9")));
        UdpListener advertised = new UdpListener(new ListenerSettings("nat", Transport.UDP,
                new InetSocketAddress("0.0.0.0", 5080), "203.0.113.9", 0), new ListenerCounters(metrics, "nat"));
        listeners.add(advertised);
        assertTrue(local.contains(ip("203.0.113.9")), "the public address this machine presents");
        assertTrue(listeners.isOurSentBy("203.0.113.9", 5080));
        listeners.remove(advertised);
        assertFalse(local.contains(ip("203.0.113.9")));
        assertEquals(1, interfaces.reads.get(), "listener changes need no system call either");
    }
}
