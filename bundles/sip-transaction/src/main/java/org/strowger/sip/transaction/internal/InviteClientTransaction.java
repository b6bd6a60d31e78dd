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
 * The INVITE client transaction, RFC 3261 §17.1.1 (Figure 5) with RFC 6026 §7.2 (Accepted, Timer M).
 *
 * <ul>
 * <li>Calling: the INVITE is sent; Timer A (T1, doubling, unreliable transports only) retransmits it,
 * Timer B (64·T1) ends the transaction with a timeout; a transport error ends it too.</li>
 * <li>1xx → Proceeding (no more retransmissions); 2xx → Accepted (RFC 6026 §7.2, Timer M); 300–699 →
 * Completed, with the ACK of §17.1.1.3 sent to the same target (Timer D ≥ 32 s unreliable, 0 reliable).
 * Every response on these edges is passed up.</li>
 * <li>Completed: each retransmitted final response gets the same ACK again; a transport error ends it.
 * A 2xx arriving here comes from another fork (the non-2xx came from this one): it is passed to the
 * server transaction user as stray ({@code onStrayResponse}) so the UA core can ACK it and end that
 * dialog with BYE (§13.2.2.4).</li>
 * <li>Accepted: every further 2xx (retransmission or another fork) is passed up (RFC 6026 §8.4); the
 * transaction never ACKs a 2xx (the TU does, §13.2.2.4). Timer M ends it.</li>
 * <li>After a CANCEL was sent (§9.1), a Proceeding transaction that gets no final response within 64·T1
 * ends with a timeout ("the client SHOULD then consider the original transaction cancelled").</li>
 * <li>Any state: the layer stopping ends the transaction at once; in Calling or Proceeding it fails
 * with {@link TransactionFailure#OVERLOAD} (synthesized 503).</li>
 * </ul>
 */
final class InviteClientTransaction extends ClientTransactionFsm<InviteClientTransaction.State, InviteClientTransaction.Event> {

    private static final Logger LOG = LoggerFactory.getLogger(InviteClientTransaction.class);

    /** The events of Figure 5 and RFC 6026 §7.2. */
    enum Event {
        /** The TU starts the transaction: "INVITE from TU / INVITE sent". */
        INVITE_FROM_TU,
        TIMER_A,
        TIMER_B,
        TIMER_D,
        TIMER_M,
        /** No final response 64·T1 after the CANCEL (RFC 3261 §9.1). */
        CANCEL_TIMEOUT,
        RESPONSE_1XX,
        RESPONSE_2XX,
        RESPONSE_300_699,
        TRANSPORT_ERROR,
        /** The layer is stopping ({@code close()}): terminate at once. */
        LAYER_STOPPED
    }

    enum State implements FsmState<Event> {
        CALLING(TransactionState.CALLING, Event.TIMER_A, Event.TIMER_B),
        PROCEEDING(TransactionState.PROCEEDING, Event.CANCEL_TIMEOUT),
        COMPLETED(TransactionState.COMPLETED, Event.TIMER_D),
        ACCEPTED(TransactionState.ACCEPTED, Event.TIMER_M),
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

    private Duration timerA;
    /** The §17.1.1.3 ACK, built on the first 300–699 response and sent again on each retransmission. */
    private SipRequest ack;

    InviteClientTransaction(LayerContext ctx, SipRequest invite, InetSocketAddress destination, Transport transport,
            ClientOwner owner) {
        super(TransactionKind.INVITE_CLIENT, ctx, invite, destination, transport, owner, Event.class, State.CALLING);
    }

    @Override
    void start() {
        transition(State.CALLING, Event.INVITE_FROM_TU);
    }

    @Override
    void receive(SipResponse response, Flow from) {
        int status = response.statusCode();
        Event event = status < 200 ? Event.RESPONSE_1XX : status < 300 ? Event.RESPONSE_2XX : Event.RESPONSE_300_699;
        handle(event, response, from);
    }

    @Override
    void stop() {
        handle(Event.LAYER_STOPPED, null, null);
    }

    @Override
    void onTimer(Event event) {
        handle(event, null, null);
    }

    @Override
    void onTransportError() {
        handle(Event.TRANSPORT_ERROR, null, null);
    }

    @Override
    Event retransmitTimer() {
        return Event.TIMER_A;
    }

    /** The TU sent a CANCEL for this INVITE (§9.1): give the server 64·T1 for its final response. */
    void cancelSent() {
        if (current() == State.PROCEEDING) {
            timers.start(Event.CANCEL_TIMEOUT, ctx.timers().sixtyFourT1());
        }
    }

    private void handle(Event event, SipResponse response, Flow from) {
        switch (current()) {
            case CALLING -> onCalling(event, response);
            case PROCEEDING -> onProceeding(event, response);
            case COMPLETED -> onCompleted(event, response, from);
            case ACCEPTED -> onAccepted(event, response);
            case TERMINATED -> LOG.debug("call={} tx={} {} ignored: terminated", callId, id(), event);
        }
    }

    private void onCalling(Event event, SipResponse response) {
        switch (event) {
            case TIMER_A -> {
                transition(State.CALLING, event);
                retransmit(request);
                timerA = timerA.multipliedBy(2);
                timers.start(Event.TIMER_A, timerA);
            }
            case TIMER_B -> {
                ctx.metrics().timeouts.increment();
                fail(TransactionFailure.TIMEOUT, "Request Timeout (Timer B)");
                transition(State.TERMINATED, event);
            }
            case TRANSPORT_ERROR -> {
                fail(TransactionFailure.TRANSPORT_ERROR, failureReason);
                transition(State.TERMINATED, event);
            }
            case LAYER_STOPPED -> stopped(event);
            case RESPONSE_1XX -> {
                transition(State.PROCEEDING, event);
                passUp(response);
            }
            case RESPONSE_2XX -> {
                transition(State.ACCEPTED, event);
                passUp(response);
            }
            case RESPONSE_300_699 -> completeWithAck(event, response);
            default -> ignored(event);
        }
    }

    private void onProceeding(Event event, SipResponse response) {
        switch (event) {
            case RESPONSE_1XX -> {
                transition(State.PROCEEDING, event);
                passUp(response);
            }
            case RESPONSE_2XX -> {
                transition(State.ACCEPTED, event);
                passUp(response);
            }
            case RESPONSE_300_699 -> completeWithAck(event, response);
            case CANCEL_TIMEOUT -> {
                ctx.metrics().timeouts.increment();
                fail(TransactionFailure.TIMEOUT, "Request Timeout (no final response 64*T1 after CANCEL)");
                transition(State.TERMINATED, event);
            }
            case LAYER_STOPPED -> stopped(event);
            default -> ignored(event);
        }
    }

    private void onCompleted(Event event, SipResponse response, Flow from) {
        switch (event) {
            case RESPONSE_300_699 -> {
                ctx.metrics().retransmissionsAbsorbed.increment();
                transition(State.COMPLETED, event);
                retransmit(ack);
            }
            case TIMER_D, TRANSPORT_ERROR, LAYER_STOPPED -> transition(State.TERMINATED, event);
            case RESPONSE_1XX -> {
                ctx.metrics().retransmissionsAbsorbed.increment();
                LOG.debug("call={} tx={} {} {} absorbed in Completed", callId, id(), response.statusCode(),
                        response.reasonPhrase());
            }
            case RESPONSE_2XX -> {
                // Another fork accepted after this one's non-2xx (§13.2.2.4): the UA core must ACK that 2xx
                // and may BYE it; this transaction has already reported its final response, so the 2xx
                // goes up as stray rather than being absorbed.
                LOG.debug("call={} tx={} {} from another fork in Completed: passed up as stray", callId, id(),
                        response.statusCode());
                ctx.stray(response, from);
            }
            default -> ignored(event);
        }
    }

    private void onAccepted(Event event, SipResponse response) {
        switch (event) {
            case RESPONSE_2XX -> {
                transition(State.ACCEPTED, event);
                passUp(response);
            }
            case TIMER_M, LAYER_STOPPED -> transition(State.TERMINATED, event);
            case RESPONSE_1XX, RESPONSE_300_699 -> ctx.metrics().retransmissionsAbsorbed.increment();
            default -> ignored(event);
        }
    }

    /** The layer stopped before a final response: fail (synthesized 503) and terminate. */
    private void stopped(Event event) {
        fail(TransactionFailure.OVERLOAD, LAYER_STOPPING);
        transition(State.TERMINATED, event);
    }

    private void completeWithAck(Event event, SipResponse response) {
        ack = AckBuilder.forNon2xx(request, response);
        transition(State.COMPLETED, event);
        send(ack);
        passUp(response);
    }

    private void passUp(SipResponse response) {
        recordStatus(response.statusCode());
        owner.onResponse(this, response);
    }

    private void ignored(Event event) {
        LOG.debug("call={} tx={} {} ignored in {}", callId, id(), event, current());
    }

    @Override
    void onEnter(State entered, Event cause) {
        switch (entered) {
            case CALLING -> {
                send(request);
                if (!reliable) {
                    timerA = ctx.timers().timerA();
                    timers.start(Event.TIMER_A, timerA);
                }
                timers.start(Event.TIMER_B, ctx.timers().timerB());
            }
            case COMPLETED -> timers.start(Event.TIMER_D, ctx.timers().timerD(reliable));
            case ACCEPTED -> timers.start(Event.TIMER_M, ctx.timers().timerM());
            case TERMINATED -> reportTermination();
            case PROCEEDING -> {
                // RFC 3261 §17.1.1.2: no more retransmissions; Timers A and B are cancelled on leaving Calling.
            }
        }
    }
}
