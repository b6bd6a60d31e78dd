package org.strowger.sip.transaction.internal;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.api.TransactionFailure;
import org.strowger.sip.transaction.api.TransactionKind;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.Transport;

/**
 * A client transaction to one target (RFC 3261 §17.1): the request with its branch, where it goes, and
 * sending through the transport. A send whose stage fails becomes the machine's transport-error event
 * (§17.1.4). When the transport carries a UDP request over TCP (larger than the MTU, §18.1.1) the
 * machine becomes reliable: request retransmissions stop.
 */
abstract class ClientTransactionFsm<S extends Enum<S> & FsmState<E>, E extends Enum<E>>
        extends AbstractTransaction<S, E> {

    private static final Logger LOG = LoggerFactory.getLogger(ClientTransactionFsm.class);

    final SipRequest request;
    final InetSocketAddress destination;
    final Transport transport;
    final ClientOwner owner;
    private final String branch;
    private volatile Flow flow;
    /** Reliable transport in use: no retransmissions, zero Timers D and K. */
    boolean reliable;
    /** Set before moving to Terminated without a final response; reported to the owner there. */
    TransactionFailure failure;
    String failureReason;

    ClientTransactionFsm(TransactionKind kind, LayerContext ctx, SipRequest request, InetSocketAddress destination,
            Transport transport, ClientOwner owner, Class<E> events, S initial) {
        super(kind, ctx, request, events, initial);
        this.request = request;
        this.destination = destination;
        this.transport = transport;
        this.owner = owner;
        this.branch = request.topVia().branch();
        this.reliable = transport.isReliable();
    }

    /** Enters the initial state: sends the request and starts the timers (call's executor). */
    abstract void start();

    /** A response matched this transaction (§17.1.3), arriving on {@code from}; on the call's executor. */
    abstract void receive(SipResponse response, Flow from);

    /**
     * The layer is stopping: the machine goes to Terminated at once (its timers cancelled); one still
     * waiting for a final response reports {@link TransactionFailure#OVERLOAD} first, so its user gets a
     * synthesized 503 "layer stopping". Call's executor.
     */
    abstract void stop();

    /** The request-retransmission timer (A or E) to stop when the transport turns out to be reliable. */
    abstract E retransmitTimer();

    @Override
    final String id() {
        return branch;
    }

    @Override
    final String branch() {
        return branch;
    }

    @Override
    final String peer() {
        Flow f = flow;
        return f != null ? f.transport() + " " + Flow.format(f.remote()) : transport + " " + Flow.format(destination);
    }

    @Override
    final void unregister() {
        ctx.table().remove(this);
    }

    /** Where the last send went; null until the transport has sent. */
    final Flow flow() {
        return flow;
    }

    /** Sends {@code message} (the request, a retransmission or the ACK) to this transaction's target. */
    final void send(SipRequest message) {
        Flow f = flow;
        Transport t = f != null ? f.transport() : transport;
        CompletionStage<Flow> stage;
        try {
            stage = ctx.transport().sendRequest(message, destination, t);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((sent, error) -> executor.submit(() -> sent(sent, error)));
    }

    final void retransmit(SipRequest message) {
        ctx.metrics().retransmissionsSent.increment();
        send(message);
    }

    private void sent(Flow sent, Throwable error) {
        if (isTerminated()) {
            return;
        }
        if (error != null) {
            ctx.metrics().transportErrors.increment();
            String reason = describe(error);
            LOG.debug("call={} tx={} send to {} {} failed: {}", callId, id(), transport, Flow.format(destination), reason);
            failureReason = "transport error sending to " + transport + " " + Flow.format(destination) + ": " + reason;
            onTransportError();
            return;
        }
        flow = sent;
        if (sent.transport().isReliable() && !reliable) {
            reliable = true;
            timers.cancel(retransmitTimer());
        }
    }

    /** Delivers the transport-error event to the current state. */
    abstract void onTransportError();

    /** The reason phrase detail of the 503 a stopping layer synthesizes. */
    static final String LAYER_STOPPING = "layer stopping";

    final void fail(TransactionFailure why, String reason) {
        failure = why;
        failureReason = reason;
    }

    /** Entry of Terminated: the owner hears of a failure first, then of the end. */
    final void reportTermination() {
        if (failure != null) {
            owner.onFailure(this, failure, failureReason);
        }
        owner.onTerminated(this);
    }
}
