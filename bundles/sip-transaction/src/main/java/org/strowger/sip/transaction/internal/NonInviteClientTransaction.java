package org.strowger.sip.transaction.internal;

import java.net.InetSocketAddress;
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
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.Transport;

/**
 * The non-INVITE client transaction, RFC 3261 §17.1.2 (Figure 6).
 *
 * <ul>
 * <li>Trying: the request is sent; Timer E (unreliable transports only) retransmits it at T1, 2·T1, …
 * capped at T2; Timer F (64·T1) or a transport error ends the transaction with a failure.</li>
 * <li>1xx → Proceeding: Timer E keeps running and, when it fires, is reset to T2 (§17.1.2.2); Timer F
 * too. 200–699 (from Trying or Proceeding) → Completed. Each of these responses is passed up.</li>
 * <li>Completed: response retransmissions are absorbed for Timer K (T4 unreliable, 0 reliable).</li>
 * <li>Any state: the layer stopping ends the transaction at once; without a final response yet it
 * fails with {@link TransactionFailure#OVERLOAD} (synthesized 503).</li>
 * </ul>
 */
final class NonInviteClientTransaction
        extends ClientTransactionFsm<NonInviteClientTransaction.State, NonInviteClientTransaction.Event> {

    private static final Logger LOG = LoggerFactory.getLogger(NonInviteClientTransaction.class);

    /** The events of Figure 6. */
    enum Event {
        /** The TU starts the transaction: "Request from TU / send request". */
        REQUEST_FROM_TU,
        TIMER_E,
        TIMER_F,
        TIMER_K,
        RESPONSE_1XX,
        RESPONSE_200_699,
        TRANSPORT_ERROR,
        /** The layer is stopping ({@code close()}): terminate at once. */
        LAYER_STOPPED
    }

    enum State implements FsmState<Event> {
        TRYING(TransactionState.TRYING, Event.TIMER_E, Event.TIMER_F),
        PROCEEDING(TransactionState.PROCEEDING, Event.TIMER_E, Event.TIMER_F),
        COMPLETED(TransactionState.COMPLETED, Event.TIMER_K),
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

    private Duration timerE;

    NonInviteClientTransaction(LayerContext ctx, SipRequest request, InetSocketAddress destination, Transport transport,
            ClientOwner owner) {
        super(TransactionKind.NON_INVITE_CLIENT, ctx, request, destination, transport, owner, Event.class, State.TRYING);
    }

    @Override
    void start() {
        transition(State.TRYING, Event.REQUEST_FROM_TU);
    }

    @Override
    void receive(SipResponse response, Flow from) {
        handle(response.statusCode() < 200 ? Event.RESPONSE_1XX : Event.RESPONSE_200_699, response);
    }

    @Override
    void stop() {
        handle(Event.LAYER_STOPPED, null);
    }

    @Override
    void onTimer(Event event) {
        handle(event, null);
    }

    @Override
    void onTransportError() {
        handle(Event.TRANSPORT_ERROR, null);
    }

    @Override
    Event retransmitTimer() {
        return Event.TIMER_E;
    }

    private void handle(Event event, SipResponse response) {
        switch (current()) {
            case TRYING -> onTrying(event, response);
            case PROCEEDING -> onProceeding(event, response);
            case COMPLETED -> onCompleted(event);
            case TERMINATED -> LOG.debug("call={} tx={} {} ignored: terminated", callId, id(), event);
        }
    }

    private void onTrying(Event event, SipResponse response) {
        switch (event) {
            case TIMER_E -> {
                transition(State.TRYING, event);
                retransmit(request);
                timerE = ctx.timers().doubledCappedAtT2(timerE);
                timers.start(Event.TIMER_E, timerE);
            }
            case RESPONSE_1XX -> {
                transition(State.PROCEEDING, event);
                passUp(response);
            }
            default -> common(event, response);
        }
    }

    private void onProceeding(Event event, SipResponse response) {
        switch (event) {
            case TIMER_E -> {
                transition(State.PROCEEDING, event);
                retransmit(request);
                timerE = ctx.timers().t2();
                timers.start(Event.TIMER_E, timerE);
            }
            case RESPONSE_1XX -> {
                transition(State.PROCEEDING, event);
                passUp(response);
            }
            default -> common(event, response);
        }
    }

    /** The edges Trying and Proceeding share: final response, Timer F, transport error. */
    private void common(Event event, SipResponse response) {
        switch (event) {
            case RESPONSE_200_699 -> {
                transition(State.COMPLETED, event);
                passUp(response);
            }
            case TIMER_F -> {
                ctx.metrics().timeouts.increment();
                fail(TransactionFailure.TIMEOUT, "Request Timeout (Timer F)");
                transition(State.TERMINATED, event);
            }
            case TRANSPORT_ERROR -> {
                fail(TransactionFailure.TRANSPORT_ERROR, failureReason);
                transition(State.TERMINATED, event);
            }
            case LAYER_STOPPED -> {
                fail(TransactionFailure.OVERLOAD, LAYER_STOPPING);
                transition(State.TERMINATED, event);
            }
            default -> LOG.debug("call={} tx={} {} ignored in {}", callId, id(), event, current());
        }
    }

    private void onCompleted(Event event) {
        switch (event) {
            case TIMER_K, LAYER_STOPPED -> transition(State.TERMINATED, event);
            case RESPONSE_1XX, RESPONSE_200_699 -> ctx.metrics().retransmissionsAbsorbed.increment();
            default -> LOG.debug("call={} tx={} {} ignored in {}", callId, id(), event, current());
        }
    }

    private void passUp(SipResponse response) {
        recordStatus(response.statusCode());
        owner.onResponse(this, response);
    }

    @Override
    void onEnter(State entered, Event cause) {
        switch (entered) {
            case TRYING -> {
                send(request);
                if (!reliable) {
                    timerE = ctx.timers().timerE();
                    timers.start(Event.TIMER_E, timerE);
                }
                timers.start(Event.TIMER_F, ctx.timers().timerF());
            }
            case COMPLETED -> timers.start(Event.TIMER_K, ctx.timers().timerK(reliable));
            case TERMINATED -> reportTermination();
            case PROCEEDING -> {
                // Timers E and F keep running (§17.1.2.2); E is reset to T2 when it next fires.
            }
        }
    }
}
