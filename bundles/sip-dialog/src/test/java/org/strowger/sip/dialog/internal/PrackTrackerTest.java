package org.strowger.sip.dialog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.strowger.sip.dialog.internal.PrackTracker.Verdict;

/** RFC 3262 §4 (UAC): in-order, retransmitted and out-of-order reliable provisionals. */
class PrackTrackerTest {

    @Test
    void rfc3262_4_theFirstReliableProvisionalMayCarryAnyRSeq() {
        PrackTracker t = new PrackTracker();
        assertEquals(-1, t.lastRSeq());
        assertEquals(Verdict.NEW, t.onReliableProvisional(2_000_000_000L));
        assertEquals(2_000_000_000L, t.lastRSeq());
    }

    @Test
    void rfc3262_4_exactlyLastPlusOneIsNew() {
        PrackTracker t = new PrackTracker();
        t.onReliableProvisional(10);
        assertEquals(Verdict.NEW, t.onReliableProvisional(11));
        assertEquals(Verdict.NEW, t.onReliableProvisional(12));
        assertEquals(12, t.lastRSeq());
    }

    @Test
    void rfc3262_4_equalOrLowerRSeqIsARetransmission() {
        PrackTracker t = new PrackTracker();
        t.onReliableProvisional(10);
        t.onReliableProvisional(11);
        assertEquals(Verdict.RETRANSMISSION, t.onReliableProvisional(11));
        assertEquals(Verdict.RETRANSMISSION, t.onReliableProvisional(10));
        assertEquals(11, t.lastRSeq());
    }

    @Test
    void rfc3262_4_aGapIsOutOfOrderAndDoesNotMoveTheSequence() {
        PrackTracker t = new PrackTracker();
        t.onReliableProvisional(10);
        assertEquals(Verdict.OUT_OF_ORDER, t.onReliableProvisional(12));
        assertEquals(10, t.lastRSeq());
        assertEquals(Verdict.NEW, t.onReliableProvisional(11));
        assertEquals(Verdict.NEW, t.onReliableProvisional(12), "the retransmitted 12 is new once 11 arrived");
    }

    @Test
    void negativeRSeqIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PrackTracker().onReliableProvisional(-1));
    }
}
