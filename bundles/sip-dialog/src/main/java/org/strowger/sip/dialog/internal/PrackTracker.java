package org.strowger.sip.dialog.internal;

/**
 * The UAC side of RFC 3262 §4 for one early dialog: classifies each reliable provisional response by
 * its RSeq. The first one may carry any RSeq; after it, exactly the last in-order RSeq + 1 is new
 * (PRACK it and process it), an RSeq not above the last is a retransmission (discard it: "once a
 * reliable provisional response is received, retransmissions of that response MUST be discarded"),
 * and one higher than last + 1 is out of order (§4: MUST NOT be PRACKed nor processed; discarded
 * here rather than cached, so the UAS retransmits it after the missing one is PRACKed).
 *
 * <p>Owned by the call's serial executor; not thread-safe.
 */
public final class PrackTracker {

    /** What to do with a reliable provisional response. */
    public enum Verdict {
        /** In order: send PRACK and process it. */
        NEW,
        /** Already seen (RSeq not above the last in-order one): discard without PRACK. */
        RETRANSMISSION,
        /** A gap before it: discard without PRACK; the UAS will retransmit it. */
        OUT_OF_ORDER
    }

    private long last = -1;

    /**
     * Classifies one reliable provisional response of this early dialog.
     *
     * @param rseq its RSeq (RFC 3262 §7.1: 1..2^32−1)
     */
    public Verdict onReliableProvisional(long rseq) {
        if (rseq < 0) {
            throw new IllegalArgumentException("RSeq must not be negative: " + rseq);
        }
        if (last < 0 || rseq == last + 1) {
            last = rseq;
            return Verdict.NEW;
        }
        return rseq <= last ? Verdict.RETRANSMISSION : Verdict.OUT_OF_ORDER;
    }

    /** The RSeq of the last in-order reliable provisional response, or -1 before the first. */
    public long lastRSeq() {
        return last;
    }
}
