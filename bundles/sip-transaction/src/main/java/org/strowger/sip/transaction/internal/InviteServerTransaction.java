package org.strowger.sip.transaction.internal;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.api.TransactionFailure;
import org.strowger.sip.transaction.api.TransactionKind;
import org.strowger.sip.transaction.api.TransactionState;
import org.strowger.sip.transaction.spi.ServerTransactionUser;
import org.strowger.sip.transport.api.Flow;

/**
 * The INVITE server transaction, RFC 3261 §17.2.1 (Figure 7) with RFC 6026 §7.1 (Accepted, Timer L).
 *
 * <ul>
 * <li>Proceeding: the INVITE goes to the TU; unless the TU has sent a response within
 * {@code trying100Delay} (200 ms) the transaction sends 100 Trying itself (without a To tag, with the
 * request's Timestamp copied and the delay added, §8.2.6.1). Request retransmissions get the last
 * provisional response again; the TU's 1xx are sent; a transport error ends the transaction and tells
 * the TU. Proceeding has no timer of its own: how long an INVITE may ring is the TU's decision (the UA
 * core's no-answer timeout, a proxy's Timer C, §16.6), so unlike the non-INVITE server transaction
 * there is no watchdog here; a TU that never answers keeps the transaction until the layer stops.</li>
 * <li>300–699 from the TU → Completed: the response is retransmitted on Timer G (T1 doubling up to T2,
 * unreliable only) and on each INVITE retransmission until the ACK (→ Confirmed) or Timer H (64·T1,
 * {@link TransactionFailure#NO_ACK}).</li>
 * <li>Confirmed: ACK retransmissions are absorbed until Timer I (T4 unreliable, 0 reliable).</li>
 * <li>2xx from the TU → Accepted (RFC 6026 §7.1): INVITE retransmissions are absorbed, every 2xx the
 * TU sends (its §13.3.1.4 retransmissions) is passed to the transport, a matching ACK is passed to the
 * TU; Timer L (64·T1) ends it. A failed 2xx send is reported to the TU but the transaction stays, so
 * INVITE retransmissions are still absorbed (RFC 6026 Figure 7 has no transport-error edge here).</li>
 * </ul>
 */
final class InviteServerTransaction extends ServerTransactionFsm<InviteServerTransaction.State, InviteServerTransaction.Event> {

    private static final Logger LOG = LoggerFactory.getLogger(InviteServerTransaction.class);

    /** The events of Figure 7 and RFC 6026 §7.1. */
    enum Event {
        /** The first INVITE ("INVITE / pass INV to TU") or a retransmission of it. */
        INVITE,
        ACK,
        RESPONSE_1XX_FROM_TU,
        RESPONSE_2XX_FROM_TU,
        RESPONSE_300_699_FROM_TU,
        /** {@code trying100Delay} passed without a response from the TU: send 100 Trying. */
        TIMER_TRYING,
        TIMER_G,
        TIMER_H,
        TIMER_I,
        TIMER_L,
        TRANSPORT_ERROR
    }

    enum State implements FsmState<Event> {
        PROCEEDING(TransactionState.PROCEEDING, Event.TIMER_TRYING),
        COMPLETED(TransactionState.COMPLETED, Event.TIMER_G, Event.TIMER_H),
        CONFIRMED(TransactionState.CONFIRMED, Event.TIMER_I),
        ACCEPTED(TransactionState.ACCEPTED, Event.TIMER_L),
        TERMINATED(TransactionState.TERMINATED);

        private final TransactionState api;
        private final Set<Event> timers;

        State(TransactionState api, Event... timers) {
            this.api = api;
            this.timers = timers.length == 0 ? EnumSet.noneOf(Event.class) : EnumSet.of(timers[0], timers);
        }

        @Override
        public TransactionState api() {
            return api;
        }

        @Override
        public Set<Event> timers() {
            return timers;
        }
    }

    private Duration timerG;

    InviteServerTransaction(LayerContext ctx, SipRequest invite, Flow flow) {
        super(TransactionKind.INVITE_SERVER, ctx, invite, flow, Event.class, State.PROCEEDING);
    }

    @Override
    void start() {
        transition(State.PROCEEDING, Event.INVITE);
    }

    @Override
    void receiveRetransmission(SipRequest retransmission) {
        handle(Event.INVITE, retransmission, null, null);
    }

    /** An ACK matched this transaction (§17.2.3). */
    void receiveAck(SipRequest ack, Flow from) {
        handle(Event.ACK, ack, from, null);
    }

    @Override
    void fromTu(SipResponse response) {
        int status = response.statusCode();
        Event event = status < 200 ? Event.RESPONSE_1XX_FROM_TU
                : status < 300 ? Event.RESPONSE_2XX_FROM_TU : Event.RESPONSE_300_699_FROM_TU;
        handle(event, null, null, response);
    }

    @Override
    void onTimer(Event event) {
        handle(event, null, null, null);
    }

    @Override
    void onTransportError() {
        handle(Event.TRANSPORT_ERROR, null, null, null);
    }

    private void handle(Event event, SipRequest request, Flow from, SipResponse response) {
        switch (current()) {
            case PROCEEDING -> onProceeding(event, response);
            case COMPLETED -> onCompleted(event, response);
            case CONFIRMED -> onConfirmed(event, response);
            case ACCEPTED -> onAccepted(event, request, from, response);
            case TERMINATED -> {
                if (response != null) {
                    refused(response);
                }
            }
        }
    }

    private void onProceeding(Event event, SipResponse response) {
        switch (event) {
            case INVITE -> {
                ctx.metrics().retransmissionsAbsorbed.increment();
                transition(State.PROCEEDING, event);
                resend();
            }
            case TIMER_TRYING -> {
                transition(State.PROCEEDING, event);
                if (lastResponse() == null) {
                    send(Responses.trying(request, sinceCreated()));
                }
            }
            case RESPONSE_1XX_FROM_TU -> {
                timers.cancel(Event.TIMER_TRYING);
                transition(State.PROCEEDING, event);
                send(response);
            }
            case RESPONSE_2XX_FROM_TU -> {
                send(response);
                transition(State.ACCEPTED, event);
            }
            case RESPONSE_300_699_FROM_TU -> {
                send(response);
                transition(State.COMPLETED, event);
            }
            case TRANSPORT_ERROR -> {
                failure = TransactionFailure.TRANSPORT_ERROR;
                transition(State.TERMINATED, event);
            }
            default -> ignored(event);
        }
    }

    private void onCompleted(Event event, SipResponse response) {
        switch (event) {
            case INVITE -> {
                ctx.metrics().retransmissionsAbsorbed.increment();
                transition(State.COMPLETED, event);
                resend();
            }
            case TIMER_G -> {
                transition(State.COMPLETED, event);
                resend();
                timerG = ctx.timers().doubledCappedAtT2(timerG);
                timers.start(Event.TIMER_G, timerG);
            }
            case ACK -> transition(State.CONFIRMED, event);
            case TIMER_H -> {
                ctx.metrics().ackTimeouts.increment();
                failure = TransactionFailure.NO_ACK;
                transition(State.TERMINATED, event);
            }
            case TRANSPORT_ERROR -> {
                failure = TransactionFailure.TRANSPORT_ERROR;
                transition(State.TERMINATED, event);
            }
            default -> tuResponseOrIgnored(event, response);
        }
    }

    private void onConfirmed(Event event, SipResponse response) {
        switch (event) {
            case ACK, INVITE -> ctx.metrics().retransmissionsAbsorbed.increment();
            case TIMER_I -> transition(State.TERMINATED, event);
            default -> tuResponseOrIgnored(event, response);
        }
    }

    private void onAccepted(Event event, SipRequest request, Flow from, SipResponse response) {
        switch (event) {
            case INVITE -> ctx.metrics().retransmissionsAbsorbed.increment();
            case RESPONSE_2XX_FROM_TU -> {
                transition(State.ACCEPTED, event);
                send(response);
            }
            case ACK -> {
                transition(State.ACCEPTED, event);
                ServerTransactionUser user = ctx.user().get();
                if (user != null) {
                    user.onAck(request, from);
                }
            }
            case TIMER_L -> transition(State.TERMINATED, event);
            case TRANSPORT_ERROR -> {
                LOG.debug("call={} tx={} 2xx could not be sent; staying Accepted to absorb INVITE retransmissions",
                        callId, id());
                informUser(TransactionFailure.TRANSPORT_ERROR);
            }
            default -> tuResponseOrIgnored(event, response);
        }
    }

    private void tuResponseOrIgnored(Event event, SipResponse response) {
        if (response != null) {
            refused(response);
        } else {
            ignored(event);
        }
    }

    private void ignored(Event event) {
        LOG.debug("call={} tx={} {} ignored in {}", callId, id(), event, current());
    }

    @Override
    void onEnter(State entered, Event cause) {
        switch (entered) {
            case PROCEEDING -> {
                Duration delay = ctx.settings().trying100Delay();
                if (delay.isZero()) {
                    send(Responses.trying(request, Duration.ZERO));
                } else {
                    timers.start(Event.TIMER_TRYING, delay);
                }
            }
            case COMPLETED -> {
                if (!reliable) {
                    timerG = ctx.timers().timerG();
                    timers.start(Event.TIMER_G, timerG);
                }
                timers.start(Event.TIMER_H, ctx.timers().timerH());
            }
            case CONFIRMED -> timers.start(Event.TIMER_I, ctx.timers().timerI(reliable));
            case ACCEPTED -> timers.start(Event.TIMER_L, ctx.timers().timerL());
            case TERMINATED -> {
                if (failure != null) {
                    informUser(failure);
                }
            }
        }
    }
}
