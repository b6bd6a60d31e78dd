package org.strowger.sip.dialog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.strowger.platform.testkit.ManualClock;
import org.strowger.platform.testkit.ManualTimerService;
import org.strowger.sip.message.api.RAck;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipResponse;

/** RFC 3262 §3 (UAS) on virtual time with a direct executor. */
class ReliableProvisionalsTest {
    private static final Duration T1 = Duration.ofMillis(500);
    private static final long INVITE_CSEQ = 314159;
    private static final long FIRST_RSEQ = 4711;

    private final ManualClock clock = new ManualClock();
    private final ManualTimerService timers = new ManualTimerService(clock);
    private final List<SipResponse> sent = new ArrayList<>();
    private final List<Long> sentAtMillis = new ArrayList<>();
    private int gaveUp;

    /** Always draws the lowest value of the range plus an offset, and records the range asked for. */
    private static final class FixedRandom implements RandomGenerator {
        final long offset;
        long origin = -1;
        long bound = -1;

        FixedRandom(long offset) {
            this.offset = offset;
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long origin, long bound) {
            this.origin = origin;
            this.bound = bound;
            return origin + offset;
        }
    }

    private ReliableProvisionals reliable(Executor executor) {
        return new ReliableProvisionals(timers, executor, T1, new FixedRandom(FIRST_RSEQ - 1), r -> {
            sent.add(r);
            sentAtMillis.add(clock.nanoTime() / 1_000_000);
        }, () -> gaveUp++);
    }

    private ReliableProvisionals reliable() {
        return reliable(Runnable::run);
    }

    private static SipResponse provisional(int code) {
        return UasTestMessages.responseToInvite(code, code == 180 ? "Ringing" : "Session Progress", "");
    }

    private static SipResponse withSdp(int code) {
        SipResponse r = provisional(code);
        r.setBody("application/sdp", "v=0\r\n".getBytes(StandardCharsets.US_ASCII));
        return r;
    }

    private static RAck rack(long rseq) {
        return new RAck(rseq, INVITE_CSEQ, SipMethod.INVITE);
    }

    @Test
    void rfc3262_3_firstRSeqIsDrawnUniformlyFrom1To2pow31Minus1() {
        FixedRandom random = new FixedRandom(0);
        new ReliableProvisionals(timers, Runnable::run, T1, random, r -> { }, () -> { });
        assertEquals(1, random.origin);
        assertEquals(1L << 31, random.bound, "bound exclusive: the largest first RSeq is 2^31-1");

        for (long seed = 0; seed < 500; seed++) {
            List<SipResponse> out = new ArrayList<>();
            ReliableProvisionals p = new ReliableProvisionals(timers, Runnable::run, T1, new SplittableRandom(seed),
                    out::add, () -> { });
            p.send(provisional(180));
            long rseq = out.get(0).rseq();
            assertTrue(rseq >= 1 && rseq <= (1L << 31) - 1, "RSeq " + rseq);
            p.stop();
        }
    }

    @Test
    void rfc3262_3_sendAddsRequire100relAndRSeqAndTransmitsAtOnce() {
        ReliableProvisionals p = reliable();
        SipResponse ringing = provisional(180);
        p.send(ringing);
        assertEquals(1, sent.size());
        assertSame(ringing, sent.get(0));
        assertEquals(List.of("100rel"), ringing.require());
        assertEquals(FIRST_RSEQ, ringing.rseq());
        assertTrue(p.hasUnacknowledged());
        assertFalse(p.hasUnacknowledgedWithBody());
    }

    @Test
    void rfc3262_3_eachNextRSeqIsGreaterByExactlyOne() {
        ReliableProvisionals p = reliable();
        for (int i = 0; i < 5; i++) {
            p.send(provisional(183));
            assertTrue(p.onPrack(rack(FIRST_RSEQ + i), INVITE_CSEQ));
        }
        assertEquals(5, sent.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(FIRST_RSEQ + i, sent.get(i).rseq());
        }
    }

    @Test
    void rfc3262_3_retransmitsAtT1DoublingUntil64T1ThenGivesUp() {
        reliable().send(provisional(180));
        timers.advance(T1.multipliedBy(64).minusMillis(1));
        assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L), sentAtMillis);
        assertEquals(0, gaveUp);
        timers.advance(Duration.ofMillis(1));
        assertEquals(1, gaveUp, "64*T1 without PRACK: the session rejects the INVITE with 5xx");
        timers.advance(Duration.ofMinutes(5));
        assertEquals(7, sent.size(), "no retransmission after giving up");
        assertEquals(1, gaveUp);
        assertEquals(0, timers.pending());
    }

    @Test
    void rfc3262_3_aSecondReliableProvisionalWaitsForThePrackOfTheFirst() {
        ReliableProvisionals p = reliable();
        p.send(provisional(180));
        SipResponse progress = withSdp(183);
        p.send(progress);
        assertEquals(1, sent.size());
        assertTrue(p.hasUnacknowledgedWithBody(), "the queued 183 has a body");

        timers.advance(Duration.ofSeconds(1));
        assertEquals(2, sent.size(), "the 180 and its retransmission at T1 only");
        assertTrue(p.onPrack(rack(FIRST_RSEQ), INVITE_CSEQ));
        assertEquals(3, sent.size());
        assertSame(progress, sent.get(2));
        assertEquals(FIRST_RSEQ + 1, progress.rseq());

        long prackedAt = clock.nanoTime() / 1_000_000;
        timers.advance(Duration.ofMillis(1600));
        assertEquals(List.of(prackedAt, prackedAt + 500, prackedAt + 1500), sentAtMillis.subList(2, 5),
                "the 183 has its own schedule from T1");
        assertTrue(p.onPrack(rack(FIRST_RSEQ + 1), INVITE_CSEQ));
        assertFalse(p.hasUnacknowledged());
        timers.advance(Duration.ofMinutes(1));
        assertEquals(5, sent.size());
        assertEquals(0, gaveUp);
    }

    @Test
    void rfc3262_3_prackMatchesOnlyOutstandingRSeqWithTheInvitesCSeqAndMethod() {
        ReliableProvisionals p = reliable();
        p.send(provisional(180));
        assertFalse(p.onPrack(rack(FIRST_RSEQ + 1), INVITE_CSEQ), "other RSeq");
        assertFalse(p.onPrack(rack(FIRST_RSEQ), INVITE_CSEQ + 1), "other CSeq number");
        assertFalse(p.onPrack(new RAck(FIRST_RSEQ, INVITE_CSEQ, SipMethod.UPDATE), INVITE_CSEQ), "other method");
        assertFalse(p.onPrack(null, INVITE_CSEQ));
        timers.advance(T1);
        assertEquals(2, sent.size(), "still retransmitting after mismatched PRACKs");

        assertTrue(p.onPrack(rack(FIRST_RSEQ), INVITE_CSEQ));
        assertFalse(p.onPrack(rack(FIRST_RSEQ), INVITE_CSEQ), "a second PRACK for it matches nothing: 481");
        timers.advance(Duration.ofMinutes(1));
        assertEquals(2, sent.size());
        assertEquals(0, gaveUp);
        assertEquals(0, timers.pending());
    }

    @Test
    void rfc3262_3_whenAllAcknowledgedRunsAtOnceOrAfterTheLastPrack() {
        ReliableProvisionals p = reliable();
        List<String> ran = new ArrayList<>();
        p.whenAllAcknowledged(() -> ran.add("now"));
        assertEquals(List.of("now"), ran);

        p.send(withSdp(183));
        p.send(provisional(180));
        p.whenAllAcknowledged(() -> ran.add("later"));
        assertEquals(List.of("now"), ran);
        assertTrue(p.hasUnacknowledgedWithBody());
        p.onPrack(rack(FIRST_RSEQ), INVITE_CSEQ);
        assertFalse(p.hasUnacknowledgedWithBody(), "the outstanding 180 has no body");
        assertTrue(p.hasUnacknowledged());
        assertEquals(List.of("now"), ran);
        p.onPrack(rack(FIRST_RSEQ + 1), INVITE_CSEQ);
        assertEquals(List.of("now", "later"), ran);
    }

    @Test
    void rfc3262_3_stopCancelsRetransmissionAndDropsTheQueueButALatePrackStillMatches() {
        ReliableProvisionals p = reliable();
        List<String> ran = new ArrayList<>();
        p.send(provisional(180));
        p.send(provisional(183));
        p.whenAllAcknowledged(() -> ran.add("x"));
        p.stop();
        assertEquals(0, timers.pending());
        timers.advance(Duration.ofMinutes(1));
        assertEquals(1, sent.size());
        assertEquals(0, gaveUp);

        assertTrue(p.onPrack(rack(FIRST_RSEQ), INVITE_CSEQ), "the 180 was never acknowledged: 200 to its PRACK");
        assertEquals(1, sent.size(), "the dropped 183 is not sent");
        assertEquals(List.of(), ran);
        assertFalse(p.hasUnacknowledged());

        p.send(provisional(180));
        assertEquals(1, sent.size(), "nothing is sent after the final response");
    }

    @Test
    void rfc3262_3_aPrackAfterGivingUpMatchesNothing() {
        ReliableProvisionals p = reliable();
        p.send(provisional(180));
        timers.advance(T1.multipliedBy(64));
        assertEquals(1, gaveUp);
        assertFalse(p.onPrack(rack(FIRST_RSEQ), INVITE_CSEQ));
    }

    @Test
    void aRetransmissionAlreadyQueuedOnTheExecutorWhenThePrackCameIsSkipped() {
        List<Runnable> executorQueue = new ArrayList<>();
        ReliableProvisionals p = reliable(executorQueue::add);
        p.send(provisional(180));
        timers.advance(T1);
        assertEquals(1, executorQueue.size(), "the retransmission timer fired onto the busy executor");
        assertTrue(p.onPrack(rack(FIRST_RSEQ), INVITE_CSEQ));
        executorQueue.forEach(Runnable::run);
        assertEquals(1, sent.size());
    }

    @Test
    void rfc3262_3_onlyProvisionalsOtherThan100AreSentReliably() {
        ReliableProvisionals p = reliable();
        assertThrows(IllegalArgumentException.class, () -> p.send(provisional(100)));
        assertThrows(IllegalArgumentException.class,
                () -> p.send(UasTestMessages.responseToInvite(200, "OK", "")));
        assertEquals(0, sent.size());
    }

    @Test
    void anExistingRequireKeepsItsTagsAnd100relIsAddedOnce() {
        ReliableProvisionals p = reliable();
        SipResponse r = UasTestMessages.responseToInvite(183, "Session Progress", "Require: precondition\r\n");
        p.send(r);
        assertEquals(List.of("precondition", "100rel"), r.require());
        SipResponse already = UasTestMessages.responseToInvite(183, "Session Progress", "Require: 100rel\r\n");
        p.onPrack(rack(FIRST_RSEQ), INVITE_CSEQ);
        p.send(already);
        assertEquals(List.of("100rel"), already.require());
    }
}
