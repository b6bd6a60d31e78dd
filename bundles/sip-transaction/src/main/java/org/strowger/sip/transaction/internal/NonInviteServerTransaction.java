package org.strowger.sip.transaction.internal;

import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.api.TransactionFailure;
import org.strowger.sip.transaction.api.TransactionKind;
import org.strowger.sip.transaction.api.TransactionState;
import org.strowger.sip.transport.api.Flow;

/**
 * The non-INVITE server transaction, RFC 3261 §17.2.2 (Figure 8).
 *
 * <ul>
 * <li>Trying: the request goes to the TU; retransmissions are absorbed (nothing to send yet).</li>
 * <li>1xx from the TU → Proceeding: sent, and sent again on each request retransmission; more 1xx
 * are sent. A transport error ends the transaction and tells the TU.</li>
 * <li>200–699 from the TU (Trying or Proceeding) → Completed: sent, and sent again on each request
 * retransmission until Timer J (64·T1 unreliable, 0 reliable). Further TU responses are ignored.</li>
 * <li>Watchdog (not in Figure 8): a request the TU has not answered with a final response 64·T1 after
 * it arrived ends the transaction (Trying or Proceeding → Terminated) and is reported as
 * {@link TransactionFailure#TIMEOUT} through {@code onServerFailure}. By then the client's Timer F
 * (64·T1, §17.1.2.2) has given up, so nothing is sent; without the watchdog a TU that never answers
 * would keep the transaction, and its share of {@code maxTransactions}, for ever.</li>
 * </ul>
 */
final class NonInviteServerTransaction
        extends ServerTransactionFsm<NonInviteServerTransaction.State, NonInviteServerTransaction.Event> {

    private static final Logger LOG = LoggerFactory.getLogger(NonInviteServerTransaction.class);

    /** The events of Figure 8. */
    enum Event {
        /** The first request ("Request received / pass to TU") or a retransmission of it. */
        REQUEST,
        RESPONSE_1XX_FROM_TU,
        RESPONSE_200_699_FROM_TU,
        TIMER_J,
        /** 64·T1 since the request arrived without a final response from the TU. */
        TIMER_WATCHDOG,
        TRANSPORT_ERROR
    }

    enum State implements FsmState<Event> {
        TRYING(TransactionState.TRYING, Event.TIMER_WATCHDOG),
        PROCEEDING(TransactionState.PROCEEDING, Event.TIMER_WATCHDOG),
        COMPLETED(TransactionState.COMPLETED, Event.TIMER_J),
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

    NonInviteServerTransaction(LayerContext ctx, SipRequest request, Flow flow) {
        super(TransactionKind.NON_INVITE_SERVER, ctx, request, flow, Event.class, State.TRYING);
    }

    @Override
    void start() {
        transition(State.TRYING, Event.REQUEST);
    }

    @Override
    void receiveRetransmission(SipRequest retransmission) {
        handle(Event.REQUEST, null);
    }

    @Override
    void fromTu(SipResponse response) {
        handle(response.statusCode() < 200 ? Event.RESPONSE_1XX_FROM_TU : Event.RESPONSE_200_699_FROM_TU, response);
    }

    @Override
    void onTimer(Event event) {
        handle(event, null);
    }

    @Override
    void onTransportError() {
        handle(Event.TRANSPORT_ERROR, null);
    }

    private void handle(Event event, SipResponse response) {
        switch (current()) {
            case TRYING -> onTrying(event, response);
            case PROCEEDING -> onProceeding(event, response);
            case COMPLETED -> onCompleted(event, response);
            case TERMINATED -> {
                if (response != null) {
                    refused(response);
                }
            }
        }
    }

    private void onTrying(Event event, SipResponse response) {
        switch (event) {
            case REQUEST -> ctx.metrics().retransmissionsAbsorbed.increment();
            case RESPONSE_1XX_FROM_TU -> {
                send(response);
                transition(State.PROCEEDING, event);
            }
            case RESPONSE_200_699_FROM_TU -> {
                send(response);
                transition(State.COMPLETED, event);
            }
            case TIMER_WATCHDOG -> unanswered(event);
            default -> LOG.debug("call={} tx={} {} ignored in {}", callId, id(), event, current());
        }
    }

    /** The watchdog fired: the TU never answered; end the transaction and tell the TU. */
    private void unanswered(Event event) {
        ctx.metrics().unanswered.increment();
        LOG.debug("call={} tx={} {} not answered by the transaction user within 64*T1: terminated", callId, id(),
                method);
        failure = TransactionFailure.TIMEOUT;
        transition(State.TERMINATED, event);
    }

    private void onProceeding(Event event, SipResponse response) {
        switch (event) {
            case REQUEST -> {
                ctx.metrics().retransmissionsAbsorbed.increment();
                transition(State.PROCEEDING, event);
                resend();
            }
            case RESPONSE_1XX_FROM_TU -> {
                transition(State.PROCEEDING, event);
                send(response);
            }
            case RESPONSE_200_699_FROM_TU -> {
                send(response);
                transition(State.COMPLETED, event);
            }
            case TRANSPORT_ERROR -> {
                failure = TransactionFailure.TRANSPORT_ERROR;
                transition(State.TERMINATED, event);
            }
            case TIMER_WATCHDOG -> unanswered(event);
            default -> LOG.debug("call={} tx={} {} ignored in {}", callId, id(), event, current());
        }
    }

    private void onCompleted(Event event, SipResponse response) {
        switch (event) {
            case REQUEST -> {
                ctx.metrics().retransmissionsAbsorbed.increment();
                transition(State.COMPLETED, event);
                resend();
            }
            case TIMER_J -> transition(State.TERMINATED, event);
            case TRANSPORT_ERROR -> {
                failure = TransactionFailure.TRANSPORT_ERROR;
                transition(State.TERMINATED, event);
            }
            case RESPONSE_1XX_FROM_TU, RESPONSE_200_699_FROM_TU -> refused(response);
            default -> LOG.debug("call={} tx={} {} ignored in {}", callId, id(), event, current());
        }
    }

    @Override
    void onEnter(State entered, Event cause) {
        switch (entered) {
            case COMPLETED -> timers.start(Event.TIMER_J, ctx.timers().timerJ(reliable));
            case TERMINATED -> {
                if (failure != null) {
                    informUser(failure);
                }
            }
            case TRYING -> timers.start(Event.TIMER_WATCHDOG, ctx.timers().sixtyFourT1());
            case PROCEEDING -> {
                // The request waits for the TU's final response (§17.2.2); the watchdog keeps running.
            }
        }
    }
}
