package org.strowger.sip.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SRVRecord;

/** RFC 2782 "Usage rules": priority first, then weighted random order within a priority. */
class Rfc2782SrvOrderingTest {

    private static final Name OWNER = Name.fromConstantString("_sip._udp.example.test.");

    private static SRVRecord srv(int priority, int weight, String target) {
        return new SRVRecord(OWNER, DClass.IN, 60, priority, weight, 5060, Name.fromConstantString(target + "."));
    }

    private static List<String> targets(List<SRVRecord> records) {
        return records.stream().map(r -> r.getTarget().toString(true)).toList();
    }

    @Test
    void rfc2782_lowestPriorityFirst() {
        List<SRVRecord> in = List.of(srv(30, 0, "c"), srv(10, 0, "a"), srv(20, 0, "b"));
        assertEquals(List.of("a", "b", "c"), targets(new SrvOrdering(new ScriptedRandom(0, 0, 0)).order(in)));
    }

    @Test
    void rfc2782_runningSumFirstAtLeastTheDraw() {
        // arranged zero weight first, then by name: z0 (0), a (10), b (20): running sums 0, 10, 30
        List<SRVRecord> in = List.of(srv(1, 20, "b"), srv(1, 10, "a"), srv(1, 0, "z0"));
        assertEquals(List.of("a", "z0", "b"), targets(new SrvOrdering(new ScriptedRandom(10, 0, 20)).order(in)));
        assertEquals(List.of("b", "a", "z0"), targets(new SrvOrdering(new ScriptedRandom(11, 10, 0)).order(in)));
        assertEquals(List.of("z0", "b", "a"), targets(new SrvOrdering(new ScriptedRandom(0, 30, 10)).order(in)));
    }

    @Test
    void rfc2782_drawIsInclusiveOfTheSum() {
        ScriptedRandom random = new ScriptedRandom(30, 10, 0);
        new SrvOrdering(random).order(List.of(srv(1, 20, "b"), srv(1, 10, "a"), srv(1, 0, "z0")));
        assertEquals(List.of(31, 11, 1), random.bounds(), "uniform in [0, sum]: nextInt(sum + 1)");
    }

    @Test
    void rfc2782_targetDotIsDropped() {
        List<SRVRecord> in = List.of(srv(1, 0, "a"), new SRVRecord(OWNER, DClass.IN, 60, 0, 0, 0, Name.root));
        assertEquals(List.of("a"), targets(new SrvOrdering(new ScriptedRandom(0)).order(in)));
    }

    @Test
    void rfc2782_weightsGiveProportionalChancesOverManyDraws() {
        List<SRVRecord> in = List.of(srv(1, 60, "w1"), srv(1, 30, "w2"), srv(1, 10, "w3"), srv(1, 0, "w0"));
        SrvOrdering ordering = new SrvOrdering(new Random(7));
        int n = 20_000;
        Map<String, Integer> first = new HashMap<>();
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < n; i++) {
            List<String> order = targets(ordering.order(in));
            assertEquals(4, order.size());
            first.merge(order.get(0), 1, Integer::sum);
            last.merge(order.get(3), 1, Integer::sum);
        }
        // draw uniform in [0, 100]: w0 only on 0, w1 on 1..60, w2 on 61..90, w3 on 91..100
        assertEquals(60.0 / 101, first.get("w1") / (double) n, 0.02, first.toString());
        assertEquals(30.0 / 101, first.get("w2") / (double) n, 0.02, first.toString());
        assertEquals(10.0 / 101, first.get("w3") / (double) n, 0.02, first.toString());
        assertEquals(1.0 / 101, first.getOrDefault("w0", 0) / (double) n, 0.01, first.toString());
        assertTrue(last.getOrDefault("w0", 0) > n / 2, "a weight-0 record is almost always last: " + last);
    }
}
