package org.strowger.sip.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.strowger.sip.dns.api.SipResolutionException;

/**
 * The cache against a real server whose answers live 60 s (positive TTL, SOA TTL and MINIMUM), on the
 * resolver's virtual clock: an answer is reused within its TTL, even with the server gone, and asked
 * again after it (RFC 1035 §3.2.1, RFC 2308 §5), within the configured caps.
 */
class Rfc2308CachingTest {

    private static final int TTL = 60;
    private static final List<String> ZONE = List.of("--host-record=aonly.example.test,192.0.2.70,2001:db8::70");
    private static final List<String> AONLY = List.of("UDP 192.0.2.70:5060 (aonly.example.test)",
            "UDP [2001:db8:0:0:0:0:0:70]:5060 (aonly.example.test)");

    private Dnsmasq dns;

    @BeforeEach
    void startDns() throws Exception {
        dns = Dnsmasq.start(TTL, ZONE);
    }

    @AfterEach
    void stopDns() throws Exception {
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void rfc1035_3_2_1_positiveAnswersCachedForTheirTtlThenAskedAgain() throws Exception {
        try (TestResolver r = new TestResolver(dns.address(), new Random(1),
                s -> s.withQueryTimeout(Duration.ofMillis(200), 1))) {
            assertEquals(AONLY, r.targets("sip:aonly.example.test"));
            long queries = r.queries();
            assertTrue(queries >= 3, "NAPTR, SRV, A and AAAA asked: " + queries);

            r.clock.advance(Duration.ofSeconds(TTL - 1));
            assertEquals(AONLY, r.targets("sip:aonly.example.test"));
            assertEquals(queries, r.queries(), "within the TTL nothing is asked again");

            dns.close();
            dns = null;
            assertEquals(AONLY, r.targets("sip:aonly.example.test"), "the cached answer, with the server gone");
            assertEquals(queries, r.queries());

            r.clock.advance(Duration.ofSeconds(2));
            SipResolutionException e = r.failure("sip:aonly.example.test");
            assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
            assertTrue(r.queries() > queries, "after the TTL the server is asked again");
        }
    }

    @Test
    void rfc2308_5_negativeAnswersCachedForSoaMinimumThenAskedAgain() throws Exception {
        try (TestResolver r = new TestResolver(dns.address())) {
            assertTrue(r.failure("sip:nothere.example.test").getMessage().contains("does not exist"));
            long queries = r.queries();

            r.clock.advance(Duration.ofSeconds(TTL - 1));
            assertTrue(r.failure("sip:nothere.example.test").getMessage().contains("does not exist"));
            assertEquals(queries, r.queries(), "NXDOMAIN cached for the SOA minimum");
            assertTrue(r.cacheHits() > 0);

            r.clock.advance(Duration.ofSeconds(2));
            assertTrue(r.failure("sip:nothere.example.test").getMessage().contains("does not exist"));
            assertEquals(2 * queries, r.queries(), "after the SOA minimum the same queries again");
        }
    }

    @Test
    void rfc2308_5_cachedTtlsCappedByConfiguration() throws Exception {
        try (TestResolver r = new TestResolver(dns.address(), new Random(1),
                s -> s.withCache(100, Duration.ofSeconds(10), Duration.ofSeconds(5)))) {
            r.targets("sip:aonly.example.test");
            long positive = r.queries();
            r.failure("sip:nothere.example.test");
            long negative = r.queries() - positive;

            r.clock.advance(Duration.ofSeconds(4));
            r.targets("sip:aonly.example.test");
            r.failure("sip:nothere.example.test");
            assertEquals(positive + negative, r.queries(), "t=4 s: all cached");

            r.clock.advance(Duration.ofSeconds(2)); // t=6 s: past maxNegativeTtl (5 s), not past maxTtl (10 s)
            long before = r.queries();
            r.failure("sip:nothere.example.test");
            assertEquals(negative, r.queries() - before, "nothere asked again after maxNegativeTtl");
            before = r.queries();
            r.targets("sip:aonly.example.test");
            long again = r.queries() - before;
            assertTrue(again > 0 && again < positive, "only the negative parts of aonly (NAPTR, SRV) asked again: " + again);

            r.clock.advance(Duration.ofSeconds(5)); // t=11 s: past maxTtl
            before = r.queries();
            r.targets("sip:aonly.example.test");
            assertEquals(positive, r.queries() - before, "everything about aonly asked again after maxTtl");
        }
    }

    @Test
    void cacheSizeZeroDisablesCaching() throws Exception {
        try (TestResolver r = new TestResolver(dns.address(), new Random(1),
                s -> s.withCache(0, Duration.ofSeconds(3600), Duration.ofSeconds(300)))) {
            r.targets("sip:aonly.example.test");
            long queries = r.queries();
            r.targets("sip:aonly.example.test");
            assertEquals(2 * queries, r.queries());
            assertEquals(0, r.cacheHits());
        }
    }
}
