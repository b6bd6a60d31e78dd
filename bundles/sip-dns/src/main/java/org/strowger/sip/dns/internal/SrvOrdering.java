package org.strowger.sip.dns.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.xbill.DNS.Name;
import org.xbill.DNS.SRVRecord;

/**
 * Orders SRV records as RFC 2782 "Usage rules" prescribe (RFC 3263 §4.3): by priority, lowest first;
 * within one priority by weighted random selection. Records whose target is "." (the service is
 * "decidedly not available", RFC 2782) are dropped.
 *
 * <p>The weighted selection, per priority: put the records with weight 0 first, then the others (the
 * RFC allows any order; we sort by target and port so that the outcome depends only on the random
 * numbers); sum the weights, give each record the running sum in that order; draw a uniform integer in
 * [0, sum] inclusive; take the first record whose running sum is at least the draw; remove it and repeat
 * until none is left. A weight-0 record thus comes first only when the draw is 0 (or all weights are 0).
 * The {@link Random} is injected so that tests are deterministic.
 */
final class SrvOrdering {

    private static final Comparator<SRVRecord> ARRANGEMENT = Comparator
            .comparing((SRVRecord r) -> r.getWeight() != 0)
            .thenComparing(SRVRecord::getTarget)
            .thenComparingInt(SRVRecord::getPort);

    private final Random random;

    SrvOrdering(Random random) {
        this.random = random;
    }

    List<SRVRecord> order(List<SRVRecord> records) {
        Map<Integer, List<SRVRecord>> byPriority = new TreeMap<>();
        for (SRVRecord r : records) {
            if (!r.getTarget().equals(Name.root)) {
                byPriority.computeIfAbsent(r.getPriority(), p -> new ArrayList<>()).add(r);
            }
        }
        List<SRVRecord> out = new ArrayList<>(records.size());
        for (List<SRVRecord> group : byPriority.values()) {
            group.sort(ARRANGEMENT);
            while (!group.isEmpty()) {
                out.add(group.remove(pick(group)));
            }
        }
        return out;
    }

    /** RFC 2782: the index of the first record whose running weight sum reaches a draw in [0, sum]. */
    private int pick(List<SRVRecord> arranged) {
        int sum = 0;
        for (SRVRecord r : arranged) {
            sum += r.getWeight();
        }
        int draw = random.nextInt(sum + 1);
        int running = 0;
        for (int i = 0; i < arranged.size(); i++) {
            running += arranged.get(i).getWeight();
            if (running >= draw) {
                return i;
            }
        }
        return arranged.size() - 1;
    }
}
