package org.strowger.sip.dialog.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.platform.api.Cancellable;
import org.strowger.platform.api.TimerService;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.RAck;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipResponse;

/**
 * The UAS side of RFC 3262 §3 for one INVITE server transaction: reliable provisional responses
 * with RSeq, their retransmission until PRACKed, and the PRACK match.
 *
 * <ul>
 *   <li>Each response sent gets {@code Require: 100rel} and an RSeq: the first chosen uniformly in
 *       1..2^31−1, each next one exactly one higher (§3, §7.1).</li>
 *   <li>One at a time: while a reliable provisional is unacknowledged the next waits in a queue
 *       (§3: a second one MUST NOT be sent until the first is acknowledged; for the later ones
 *       one outstanding response at a time is what §3 recommends for congestion control).</li>
 *   <li>The outstanding one is retransmitted after T1, then 2·T1, 4·T1 … (doubling, no T2 cap in
 *       RFC 3262); when 64·T1 have passed since it was first sent without a PRACK,
 *       {@code onGiveUp} runs and the session rejects the INVITE with a 5xx (§3).</li>
 *   <li>A PRACK matches when its RAck carries the outstanding RSeq, the INVITE's CSeq number and
 *       method INVITE; anything else does not match and the session answers 481 (§3).</li>
 * </ul>
 *
 * <p>Owned by the call's serial executor: every method and every timer runs there, no locks. A
 * timer that had already fired when it was cancelled is recognised by its generation and ignored.
 */
public final class ReliableProvisionals {
    private static final Logger LOG = LoggerFactory.getLogger(ReliableProvisionals.class);

    /** RFC 3262 §3: the first RSeq lies in 1..2^31−1. */
    static final long MAX_INITIAL_RSEQ = (1L << 31) - 1;
    /** RFC 3262 §7.1: RSeq is at most 2^32−1 and never wraps. */
    static final long MAX_RSEQ = (1L << 32) - 1;
    private static final String OPTION_100REL = "100rel";

    private final TimerService timers;
    private final Executor executor;
    private final Duration t1;
    private final Consumer<SipResponse> transmit;
    private final Runnable onGiveUp;
    private final ArrayDeque<SipResponse> queue = new ArrayDeque<>(2);
    private final List<Runnable> allAcknowledged = new ArrayList<>(1);

    private long nextRSeq;
    private SipResponse outstanding;
    private long outstandingRSeq;
    private Cancellable retransmitTimer;
    private Cancellable giveUpTimer;
    private Duration interval;
    private long generation;
    private boolean stopped;

    /**
     * @param t1       RFC 3261 T1 (500 ms by default), the first retransmission interval
     * @param random   source of the first RSeq
     * @param transmit sends one response (first transmission and retransmissions) through the
     *                 INVITE server transaction
     * @param onGiveUp runs when a response was not PRACKed within 64·T1
     */
    public ReliableProvisionals(TimerService timers, Executor executor, Duration t1,
            RandomGenerator random, Consumer<SipResponse> transmit, Runnable onGiveUp) {
        this.timers = Objects.requireNonNull(timers, "timers");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.t1 = Objects.requireNonNull(t1, "t1");
        if (t1.isNegative() || t1.isZero()) {
            throw new IllegalArgumentException("T1 must be positive: " + t1);
        }
        this.transmit = Objects.requireNonNull(transmit, "transmit");
        this.onGiveUp = Objects.requireNonNull(onGiveUp, "onGiveUp");
        this.nextRSeq = random.nextLong(1, MAX_INITIAL_RSEQ + 1);
    }

    /**
     * Sends a provisional response reliably: adds Require: 100rel and RSeq and transmits it now, or
     * queues it while another one is unacknowledged. Ignored (logged) once {@link #stop()}ped.
     *
     * @param provisional a 101–199 response (§3: 100 is never sent reliably)
     */
    public void send(SipResponse provisional) {
        int code = provisional.statusCode();
        if (code <= 100 || code >= 200) {
            throw new IllegalArgumentException("only 101-199 responses are sent reliably (RFC 3262 §3): " + code);
        }
        if (stopped) {
            LOG.debug("call={} reliable {} dropped: final response already sent", provisional.callId(), code);
            return;
        }
        if (outstanding == null) {
            transmitNew(provisional);
        } else {
            queue.add(provisional);
        }
    }

    /**
     * A PRACK arrived (§3): true when its RAck acknowledges the outstanding response of this INVITE
     * (RSeq, CSeq number, method INVITE). Then retransmission stops, the next queued response is
     * sent, and when none is left the {@link #whenAllAcknowledged} actions run. False otherwise
     * (the session answers the PRACK 481).
     */
    public boolean onPrack(RAck rack, long inviteCSeq) {
        if (outstanding == null || rack == null || rack.rseq() != outstandingRSeq || rack.cseq() != inviteCSeq
                || !SipMethod.INVITE.equals(rack.method())) {
            return false;
        }
        LOG.debug("call={} rseq={} PRACKed", outstanding.callId(), outstandingRSeq);
        cancelTimers();
        outstanding = null;
        if (stopped) {
            return true;
        }
        SipResponse next = queue.poll();
        if (next != null) {
            transmitNew(next);
        } else {
            runAllAcknowledged();
        }
        return true;
    }

    /** True while a reliable provisional is outstanding or queued. */
    public boolean hasUnacknowledged() {
        return outstanding != null || !queue.isEmpty();
    }

    /**
     * True while an unacknowledged (outstanding or queued) reliable provisional has a body: then a
     * 2xx MUST wait until it is PRACKed (§3), see {@link #whenAllAcknowledged}.
     */
    public boolean hasUnacknowledgedWithBody() {
        if (outstanding != null && outstanding.contentLength() > 0) {
            return true;
        }
        for (SipResponse r : queue) {
            if (r.contentLength() > 0) {
                return true;
            }
        }
        return false;
    }

    /** Runs the action now when nothing is unacknowledged, else once everything is PRACKed. */
    public void whenAllAcknowledged(Runnable action) {
        Objects.requireNonNull(action, "action");
        if (!hasUnacknowledged()) {
            action.run();
        } else if (!stopped) {
            allAcknowledged.add(action);
        }
    }

    /**
     * The final response was sent: retransmission stops, queued responses and pending
     * {@link #whenAllAcknowledged} actions are dropped. The outstanding RSeq is kept so that a late
     * PRACK for it still matches (it is a valid PRACK for a response that was never acknowledged).
     */
    public void stop() {
        stopped = true;
        cancelTimers();
        queue.clear();
        allAcknowledged.clear();
    }

    /** The RSeq the next reliable provisional response gets. */
    long nextRSeq() {
        return nextRSeq;
    }

    private void transmitNew(SipResponse response) {
        if (nextRSeq > MAX_RSEQ) {
            throw new IllegalStateException("RSeq space exhausted (RFC 3262 §7.1: it never wraps)");
        }
        if (!response.require().contains(OPTION_100REL)) {
            response.addHeader(HeaderNames.REQUIRE, OPTION_100REL);
        }
        outstandingRSeq = nextRSeq++;
        response.setHeader(HeaderNames.RSEQ, Long.toString(outstandingRSeq));
        outstanding = response;
        interval = t1;
        long gen = ++generation;
        LOG.debug("call={} rseq={} reliable {} sent", response.callId(), outstandingRSeq, response.statusCode());
        giveUpTimer = timers.schedule(t1.multipliedBy(64), executor, () -> giveUp(gen));
        retransmitTimer = timers.schedule(interval, executor, () -> retransmit(gen));
        transmit.accept(response);
    }

    private void retransmit(long gen) {
        if (gen != generation || outstanding == null || stopped) {
            return;
        }
        transmit.accept(outstanding);
        interval = interval.multipliedBy(2);
        retransmitTimer = timers.schedule(interval, executor, () -> retransmit(gen));
    }

    private void giveUp(long gen) {
        if (gen != generation || outstanding == null || stopped) {
            return;
        }
        LOG.debug("call={} rseq={} not PRACKed within 64*T1, giving up", outstanding.callId(), outstandingRSeq);
        stop();
        outstanding = null;
        onGiveUp.run();
    }

    private void runAllAcknowledged() {
        List<Runnable> actions = List.copyOf(allAcknowledged);
        allAcknowledged.clear();
        for (Runnable r : actions) {
            r.run();
        }
    }

    private void cancelTimers() {
        generation++;
        if (retransmitTimer != null) {
            retransmitTimer.cancel();
            retransmitTimer = null;
        }
        if (giveUpTimer != null) {
            giveUpTimer.cancel();
            giveUpTimer = null;
        }
    }
}
