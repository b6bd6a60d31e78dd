package org.strowger.sip.transaction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** RFC 3261 §17 Table 4 and RFC 6026 §7: every lettered timer derived from T1, T2, T4. */
class SipTimersTest {

    private final SipTimers t = SipTimers.DEFAULTS;

    @Test
    void rfc3261_table4_defaults() {
        assertEquals(Duration.ofMillis(500), t.timerA());
        assertEquals(Duration.ofSeconds(32), t.timerB());
        assertEquals(Duration.ofSeconds(32), t.timerD(false));
        assertEquals(Duration.ZERO, t.timerD(true));
        assertEquals(Duration.ofMillis(500), t.timerE());
        assertEquals(Duration.ofSeconds(32), t.timerF());
        assertEquals(Duration.ofMillis(500), t.timerG());
        assertEquals(Duration.ofSeconds(32), t.timerH());
        assertEquals(Duration.ofSeconds(5), t.timerI(false));
        assertEquals(Duration.ZERO, t.timerI(true));
        assertEquals(Duration.ofSeconds(32), t.timerJ(false));
        assertEquals(Duration.ZERO, t.timerJ(true));
        assertEquals(Duration.ofSeconds(5), t.timerK(false));
        assertEquals(Duration.ZERO, t.timerK(true));
        assertEquals(Duration.ofSeconds(32), t.timerL());
        assertEquals(Duration.ofSeconds(32), t.timerM());
    }

    @Test
    void rfc3261_17_1_1_2_timerDAtLeast32sWhatever64T1() {
        SipTimers fast = new SipTimers(Duration.ofMillis(100), Duration.ofSeconds(4), Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(32), fast.timerD(false));
        SipTimers slow = new SipTimers(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(64), slow.timerD(false));
    }

    @Test
    void rfc3261_17_1_2_2_doublingCappedAtT2() {
        assertEquals(Duration.ofSeconds(1), t.doubledCappedAtT2(Duration.ofMillis(500)));
        assertEquals(Duration.ofSeconds(4), t.doubledCappedAtT2(Duration.ofSeconds(2)));
        assertEquals(Duration.ofSeconds(4), t.doubledCappedAtT2(Duration.ofSeconds(4)));
    }

    @Test
    void invalidTimersRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new SipTimers(Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class,
                () -> new SipTimers(Duration.ZERO, Duration.ofSeconds(4), Duration.ofSeconds(5)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LayerSettings(SipTimers.DEFAULTS, Duration.ofMillis(-1), 10, 5));
        assertTrue(e.getMessage().contains("trying100Delay"));
    }
}
