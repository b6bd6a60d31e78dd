package org.strowger.sip.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.strowger.sip.dns.api.SipResolutionException;
import org.strowger.sip.dns.api.SipTarget;
import org.strowger.sip.dns.api.TargetTransport;
import org.strowger.sip.message.api.SipUri;

/**
 * Servers that do not answer: the resolution fails with {@link SipResolutionException} naming the host
 * once every attempt has timed out (RFC 3263 §4.3: the request then fails with 503), another server is
 * tried first, and a stopped resolver fails what is in progress. Waits are bounded; durations are never
 * asserted.
 */
class ServerNotAnsweringTest {

    private static final Duration TIMEOUT = Duration.ofMillis(150);

    @Test
    void rfc3263_4_3_noServerOnThePortFails() throws Exception {
        InetSocketAddress nothing;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            nothing = (InetSocketAddress) s.getLocalSocketAddress();
        }
        try (TestResolver r = new TestResolver(nothing, new Random(1), s -> s.withQueryTimeout(TIMEOUT, 2))) {
            SipResolutionException e = r.failure("sip:alice@example.test");
            assertTrue(e.getMessage().contains("example.test") && e.getMessage().contains("did not answer"), e.getMessage());
            assertTrue(r.metrics.value(DnsMetrics.QUERY_ERRORS) >= 1);
            assertEquals(1, r.metrics.value(DnsMetrics.FAILURES));
        }
    }

    @Test
    void rfc3263_4_3_silentServerTimesOut() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                TestResolver r = new TestResolver((InetSocketAddress) silent.getLocalSocketAddress(), new Random(1),
                        s -> s.withQueryTimeout(TIMEOUT, 2))) {
            SipResolutionException e = r.failure("sip:alice@example.test:5060;transport=tcp");
            assertTrue(e.getMessage().contains("example.test") && e.getMessage().contains("did not answer"), e.getMessage());
            assertEquals(0, r.metrics.value(DnsMetrics.CACHE_HITS), "failures are not cached");
        }
    }

    @Test
    void rfc3263_4_3_nextServerAskedWhenTheFirstIsSilent() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Dnsmasq dns = Dnsmasq.start(60, List.of("--host-record=aonly.example.test,192.0.2.70"));
                TestResolver r = new TestResolver(List.of((InetSocketAddress) silent.getLocalSocketAddress(), dns.address()),
                        new Random(1), s -> s.withQueryTimeout(TIMEOUT, 1).withLookups(true, false, false))) {
            assertEquals(List.of("UDP 192.0.2.70:5060 (aonly.example.test)"), r.targets("sip:aonly.example.test"));
        }
    }

    @Test
    void stoppingTheResolverFailsResolutionsInProgress() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                TestResolver r = new TestResolver((InetSocketAddress) silent.getLocalSocketAddress(), new Random(1),
                        s -> s.withQueryTimeout(Duration.ofSeconds(30), 1))) {
            CompletableFuture<List<SipTarget>> pending = r.resolver.resolve(SipUri.parse("sip:example.test"))
                    .toCompletableFuture();
            r.resolver.deactivate();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> pending.get(TestResolver.WAIT_SECONDS, TimeUnit.SECONDS));
            assertTrue(assertInstanceOf(SipResolutionException.class, e.getCause()).getMessage().contains("stopped"));
            assertTrue(r.failure("sip:example.test").getMessage().contains("stopped"), "and refuses new ones");
        }
    }

    @Test
    void maxPendingResolutionsBoundsWorkInProgress() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                TestResolver r = new TestResolver((InetSocketAddress) silent.getLocalSocketAddress(), new Random(1),
                        s -> s.withQueryTimeout(Duration.ofSeconds(30), 1).withMaxPendingResolutions(1))) {
            CompletableFuture<List<SipTarget>> first = r.resolver.resolve(SipUri.parse("sip:one.example.test"),
                    EnumSet.allOf(TargetTransport.class)).toCompletableFuture();
            SipResolutionException e = r.failure("sip:two.example.test");
            assertTrue(e.getMessage().contains("too many"), e.getMessage());
            assertEquals(1, r.metrics.value(DnsMetrics.REJECTED));
            assertEquals(List.of("UDP 192.0.2.1:5060"), r.targets("sip:192.0.2.1"), "numeric targets need no slot");
            assertTrue(!first.isDone());
        }
    }
}
