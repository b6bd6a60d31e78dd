package org.strowger.sip.dialog.internal;

import java.time.Duration;
import java.util.concurrent.Executor;

import org.strowger.platform.api.Cancellable;
import org.strowger.platform.api.TimerService;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.api.ServerTransaction;

/**
 * RFC 3261 §13.3.1.4: the UAS core, not the transaction, retransmits its 2xx to an INVITE — at T1,
 * then doubling up to T2 — until the ACK arrives; after 64·T1 without an ACK the session should end.
 * The retransmissions go through the server transaction, which passes them to the transport in its
 * Accepted state (RFC 6026 §7.1).
 */
final class TwoXxRetransmitter {

    private final TimerService timers;
    private final Executor executor;
    private final Duration t1;
    private final Duration t2;
    private ServerTransaction transaction;
    private SipResponse response;
    private Cancellable retransmit;
    private Cancellable giveUp;
    private Duration interval;
    /** Bumped by every start/stop: a timer task queued before it is stale and does nothing. */
    private long generation;

    TwoXxRetransmitter(TimerService timers, Executor executor, Duration t1, Duration t2) {
        this.timers = timers;
        this.executor = executor;
        this.t1 = t1;
        this.t2 = t2;
    }

    /** Starts retransmitting {@code ok} (already sent once) until {@link #acked()}; {@code onNoAck} after 64·T1. */
    void start(ServerTransaction tx, SipResponse ok, Runnable onNoAck) {
        stop();
        this.transaction = tx;
        this.response = ok;
        this.interval = t1;
        long g = generation;
        retransmit = timers.schedule(interval, executor, () -> fire(g));
        giveUp = timers.schedule(t1.multipliedBy(64), executor, () -> {
            if (g == generation && response != null) {
                stop();
                onNoAck.run();
            }
        });
    }

    private void fire(long g) {
        if (g != generation || response == null) {
            return;
        }
        transaction.respond(response);
        interval = interval.multipliedBy(2).compareTo(t2) > 0 ? t2 : interval.multipliedBy(2);
        retransmit = timers.schedule(interval, executor, () -> fire(g));
    }

    /** Whether a 2xx is waiting for its ACK. */
    boolean isPending() {
        return response != null;
    }

    /** The CSeq number of the INVITE whose 2xx is pending, or -1. */
    long pendingCSeq() {
        return response == null ? -1 : response.cseq().sequence();
    }

    /** The ACK arrived (§13.3.1.4): stop. */
    void acked() {
        stop();
    }

    void stop() {
        generation++;
        response = null;
        if (retransmit != null) {
            retransmit.cancel();
            retransmit = null;
        }
        if (giveUp != null) {
            giveUp.cancel();
            giveUp = null;
        }
    }
}
