package org.strowger.sip.transaction.internal;

import java.time.Duration;

/**
 * The transaction timers of RFC 3261 §17 (Table 4 of §A) and RFC 6026 §7: only T1, T2 and T4 are
 * configurable, every lettered timer is derived from them. Values that depend on the transport take
 * {@code reliable}: a reliable transport (TCP) needs no retransmissions and no time to absorb them.
 * Public for the testkit; the package is not exported.
 *
 * @param t1 RTT estimate, default 500 ms (§17.1.1.1)
 * @param t2 maximum retransmission interval for non-INVITE requests and INVITE responses, default 4 s
 * @param t4 maximum duration a message remains in the network, default 5 s
 */
public record SipTimers(Duration t1, Duration t2, Duration t4) {

    /** RFC 3261 §17.1.1.1 defaults. */
    public static final SipTimers DEFAULTS = new SipTimers(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));

    /** RFC 3261 §17.1.1.2: Timer D is "at least 32 seconds for unreliable transports". */
    private static final Duration MIN_TIMER_D = Duration.ofSeconds(32);

    public SipTimers {
        if (t1.isNegative() || t1.isZero() || t2.compareTo(t1) < 0 || t4.isNegative() || t4.isZero()) {
            throw new IllegalArgumentException("need 0 < T1 <= T2 and T4 > 0, got T1=" + t1 + " T2=" + t2 + " T4=" + t4);
        }
    }

    /** 64·T1: Timers B, F, H, J (unreliable), L and M. */
    Duration sixtyFourT1() {
        return t1.multipliedBy(64);
    }

    /** Timer A, INVITE request retransmission (§17.1.1.2): initially T1, doubling, UDP only. */
    Duration timerA() {
        return t1;
    }

    /** Timer B, INVITE transaction timeout (§17.1.1.2): 64·T1. */
    Duration timerB() {
        return sixtyFourT1();
    }

    /** Timer D, wait for response retransmissions (§17.1.1.2): ≥ 32 s unreliable, 0 reliable. */
    Duration timerD(boolean reliable) {
        if (reliable) {
            return Duration.ZERO;
        }
        Duration d = sixtyFourT1();
        return d.compareTo(MIN_TIMER_D) < 0 ? MIN_TIMER_D : d;
    }

    /** Timer E, non-INVITE request retransmission (§17.1.2.2): initially T1, doubling up to T2. */
    Duration timerE() {
        return t1;
    }

    /** Timer F, non-INVITE transaction timeout (§17.1.2.2): 64·T1. */
    Duration timerF() {
        return sixtyFourT1();
    }

    /** Timer G, INVITE response retransmission (§17.2.1): initially T1, doubling up to T2. */
    Duration timerG() {
        return t1;
    }

    /** Timer H, wait for ACK receipt (§17.2.1): 64·T1. */
    Duration timerH() {
        return sixtyFourT1();
    }

    /** Timer I, wait for ACK retransmissions (§17.2.1): T4 unreliable, 0 reliable. */
    Duration timerI(boolean reliable) {
        return reliable ? Duration.ZERO : t4;
    }

    /** Timer J, wait for non-INVITE request retransmissions (§17.2.2): 64·T1 unreliable, 0 reliable. */
    Duration timerJ(boolean reliable) {
        return reliable ? Duration.ZERO : sixtyFourT1();
    }

    /** Timer K, wait for non-INVITE response retransmissions (§17.1.2.2): T4 unreliable, 0 reliable. */
    Duration timerK(boolean reliable) {
        return reliable ? Duration.ZERO : t4;
    }

    /** Timer L, wait for accepted INVITE request retransmissions (RFC 6026 §7.1): 64·T1. */
    Duration timerL() {
        return sixtyFourT1();
    }

    /** Timer M, wait for 2xx retransmissions and 2xx from other forks (RFC 6026 §7.2): 64·T1. */
    Duration timerM() {
        return sixtyFourT1();
    }

    /** The next Timer E or G interval: {@code min(2·current, T2)} (§17.1.2.2, §17.2.1). */
    Duration doubledCappedAtT2(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(t2) > 0 ? t2 : doubled;
    }
}
