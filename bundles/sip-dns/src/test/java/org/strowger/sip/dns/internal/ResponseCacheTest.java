package org.strowger.sip.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** TTL arithmetic and bounds of the answer cache (RFC 1035 §3.2.1, RFC 2181 §5.2 and §8, RFC 2308 §5). */
class ResponseCacheTest {

    private static final Name ZONE = Name.fromConstantString("example.test.");

    private static Message answer(String name, int rcode, Record... records) {
        Name n = Name.fromConstantString(name);
        Message m = Message.newQuery(Record.newRecord(n, Type.A, DClass.IN));
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setRcode(rcode);
        for (Record r : records) {
            m.addRecord(r, r instanceof SOARecord ? Section.AUTHORITY : Section.ANSWER);
        }
        return m;
    }

    private static ARecord a(String name, long ttl) {
        try {
            return new ARecord(Name.fromConstantString(name), DClass.IN, ttl,
                    InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static SOARecord soa(long ttl, long minimum) {
        return new SOARecord(ZONE, DClass.IN, ttl, Name.fromConstantString("ns.example.test."),
                Name.fromConstantString("hostmaster.example.test."), 1, 1200, 180, 1209600, minimum);
    }

    private static ResponseCache.Key key(String name) {
        return new ResponseCache.Key(Name.fromConstantString(name), Type.A, DClass.IN);
    }

    private final ResponseCache cache = new ResponseCache(2, Duration.ofSeconds(3600), Duration.ofSeconds(300));

    @Test
    void rfc2181_5_2_positiveTtlIsTheSmallestOfTheAnswer() {
        Message m = answer("a.example.test.", Rcode.NOERROR, a("a.example.test.", 120), a("a.example.test.", 30));
        assertEquals(Optional.of(Duration.ofSeconds(30)), cache.ttlOf(m));
    }

    @Test
    void rfc2308_5_negativeTtlIsSoaTtlOrMinimumWhicheverSmaller() {
        assertEquals(Optional.of(Duration.ofSeconds(40)), cache.ttlOf(answer("x.example.test.", Rcode.NXDOMAIN, soa(40, 90))));
        assertEquals(Optional.of(Duration.ofSeconds(90)), cache.ttlOf(answer("x.example.test.", Rcode.NOERROR, soa(600, 90))));
    }

    @Test
    void rfc2308_5_negativeWithoutSoaAndServerFailuresNotCached() {
        assertEquals(Optional.empty(), cache.ttlOf(answer("x.example.test.", Rcode.NXDOMAIN)));
        assertEquals(Optional.empty(), cache.ttlOf(answer("x.example.test.", Rcode.SERVFAIL, soa(60, 60))));
    }

    @Test
    void ttlsCappedByConfiguration() {
        ResponseCache capped = new ResponseCache(10, Duration.ofSeconds(100), Duration.ofSeconds(5));
        assertEquals(Optional.of(Duration.ofSeconds(100)),
                capped.ttlOf(answer("a.example.test.", Rcode.NOERROR, a("a.example.test.", 86400))));
        assertEquals(Optional.of(Duration.ofSeconds(5)), capped.ttlOf(answer("x.example.test.", Rcode.NXDOMAIN, soa(600, 600))));
    }

    @Test
    void rfc2181_8_ttlWithTheHighBitSetIsZero() throws Exception {
        // dnsjava refuses to build such a record, but reads it off the wire: patch a distinctive TTL
        byte[] wire = answer("a.example.test.", Rcode.NOERROR, a("a.example.test.", 0x01020304L)).toWire();
        int at = indexOf(wire, new byte[] {1, 2, 3, 4});
        wire[at] = (byte) 0x80;
        wire[at + 1] = 0;
        wire[at + 2] = 0;
        wire[at + 3] = 0;
        Message parsed = new Message(wire);
        assertEquals(0x80000000L, parsed.getSection(Section.ANSWER).get(0).getTTL());
        assertEquals(Optional.of(Duration.ZERO), cache.ttlOf(parsed));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void entriesExpireAtTheirTtlAndTheLeastRecentlyUsedGoesFirst() {
        long s = 1_000_000_000L;
        cache.put(key("a.example.test."), answer("a.example.test.", Rcode.NOERROR, a("a.example.test.", 10)), 0);
        cache.put(key("b.example.test."), answer("b.example.test.", Rcode.NOERROR, a("b.example.test.", 10)), 0);
        assertTrue(cache.get(key("A.Example.Test."), 9 * s).isPresent(), "names compare case-insensitively");
        cache.put(key("c.example.test."), answer("c.example.test.", Rcode.NOERROR, a("c.example.test.", 10)), 0);
        assertEquals(2, cache.size());
        assertFalse(cache.get(key("b.example.test."), 0).isPresent(), "b was the least recently used");
        assertTrue(cache.get(key("c.example.test."), 10 * s - 1).isPresent());
        assertFalse(cache.get(key("c.example.test."), 10 * s).isPresent(), "expired at its TTL");
    }

    @Test
    void zeroTtlNotCached() {
        cache.put(key("a.example.test."), answer("a.example.test.", Rcode.NOERROR, a("a.example.test.", 0)), 0);
        assertEquals(0, cache.size());
    }
}
