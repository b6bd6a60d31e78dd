package org.strowger.sip.dialog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.strowger.platform.testkit.ManualClock;
import org.strowger.sip.message.api.SipRequest;

/** RFC 3261 §8.2.2.2 merged-request detection on virtual time. */
class MergedRequestDetectorTest {
    private final ManualClock clock = new ManualClock();
    private final MergedRequestDetector detector = new MergedRequestDetector(clock, Duration.ofSeconds(32), 100);

    private static SipRequest invite(String branch, long cseq) {
        return UasTestMessages.request("INVITE", "sip:bob@biloxi.example.com", branch, cseq, "", "");
    }

    @Test
    void rfc3261_8_2_2_2_sameFromTagCallIdCSeqWithAnotherBranchIsMerged() {
        assertFalse(detector.isMerged(invite("z9hG4bKa", 1)));
        assertTrue(detector.isMerged(invite("z9hG4bKb", 1)));
        assertTrue(detector.isMerged(invite("z9hG4bKc", 1)));
        assertFalse(detector.isMerged(invite("z9hG4bKa", 1)), "the first copy itself is not merged");
    }

    @Test
    void rfc3261_8_2_2_2_sameBranchIsARetransmissionNotAMerge() {
        assertFalse(detector.isMerged(invite("z9hG4bKa", 1)));
        clock.advance(Duration.ofSeconds(5));
        assertFalse(detector.isMerged(invite("z9hG4bKa", 1)));
    }

    @Test
    void rfc3261_8_2_2_2_sameBranchFromAnotherSentByIsMerged() {
        assertFalse(detector.isMerged(invite("z9hG4bKa", 1)));
        SipRequest other = invite("z9hG4bKa", 1);
        other.setHeader("Via", "SIP/2.0/UDP proxy2.example.com;branch=z9hG4bKa");
        assertTrue(detector.isMerged(other));
    }

    @Test
    void rfc3261_8_2_2_2_anotherCSeqCallIdFromTagOrMethodIsANewRequest() {
        assertFalse(detector.isMerged(invite("z9hG4bKa", 1)));
        assertFalse(detector.isMerged(invite("z9hG4bKb", 2)));
        SipRequest otherCall = invite("z9hG4bKc", 1);
        otherCall.setHeader("Call-ID", "other@example.com");
        assertFalse(detector.isMerged(otherCall));
        SipRequest otherFrom = invite("z9hG4bKd", 1);
        otherFrom.setHeader("From", "Alice <sip:alice@atlanta.example.com>;tag=other");
        assertFalse(detector.isMerged(otherFrom));
        SipRequest options = UasTestMessages.request("OPTIONS", "sip:bob@biloxi.example.com", "z9hG4bKe", 1, "", "");
        assertFalse(detector.isMerged(options));
    }

    @Test
    void rfc3261_8_2_2_2_requestWithToTagIsNotChecked() {
        SipRequest a = invite("z9hG4bKa", 1);
        a.setHeader("To", "Bob <sip:bob@biloxi.example.com>;tag=t");
        SipRequest b = invite("z9hG4bKb", 1);
        b.setHeader("To", "Bob <sip:bob@biloxi.example.com>;tag=t");
        assertFalse(detector.isMerged(a));
        assertFalse(detector.isMerged(b));
        assertEquals(0, detector.size());
    }

    @Test
    void rfc3261_8_2_2_2_afterTheWindowTheRequestIsForgotten() {
        assertFalse(detector.isMerged(invite("z9hG4bKa", 1)));
        clock.advance(Duration.ofSeconds(31));
        assertTrue(detector.isMerged(invite("z9hG4bKb", 1)));
        clock.advance(Duration.ofSeconds(1));
        assertFalse(detector.isMerged(invite("z9hG4bKb", 1)), "32 s later the first is gone; b is remembered now");
        assertTrue(detector.isMerged(invite("z9hG4bKa", 1)));
    }

    @Test
    void expiredEntriesAreDroppedAsNewOnesArrive() {
        for (int i = 0; i < 50; i++) {
            detector.isMerged(invite("z9hG4bK" + i, i + 1));
        }
        assertEquals(50, detector.size());
        clock.advance(Duration.ofSeconds(40));
        detector.isMerged(invite("z9hG4bKnew", 1000));
        assertEquals(1, detector.size());
    }

    @Test
    void pastMaxEntriesTheOldestIsForgottenFirst() {
        MergedRequestDetector small = new MergedRequestDetector(clock, Duration.ofSeconds(32), 3);
        for (int i = 1; i <= 4; i++) {
            assertFalse(small.isMerged(invite("z9hG4bK" + i, i)));
        }
        assertEquals(3, small.size());
        assertFalse(small.isMerged(invite("z9hG4bKx", 1)), "CSeq 1, the oldest, was forgotten");
        assertTrue(small.isMerged(invite("z9hG4bKy", 4)), "CSeq 4, the newest, is remembered");
    }

    @Test
    void concurrentCopiesYieldExactlyOneOriginal() throws Exception {
        MergedRequestDetector shared = new MergedRequestDetector(clock, Duration.ofSeconds(32), 10_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int copy = 0; copy < 4; copy++) {
                    SipRequest r = invite("z9hG4bKr" + round + "c" + copy, round + 1);
                    results.add(pool.submit(() -> shared.isMerged(r)));
                }
                int originals = 0;
                for (Future<Boolean> f : results) {
                    if (!f.get(10, TimeUnit.SECONDS)) {
                        originals++;
                    }
                }
                assertEquals(1, originals, "round " + round);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void argumentsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new MergedRequestDetector(clock, Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> new MergedRequestDetector(clock, Duration.ofSeconds(1), 0));
    }
}
