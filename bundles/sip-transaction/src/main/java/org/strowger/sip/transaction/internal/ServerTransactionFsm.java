package org.strowger.sip.transaction.internal;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.Via;
import org.strowger.sip.transaction.api.ServerTransaction;
import org.strowger.sip.transaction.api.TransactionFailure;
import org.strowger.sip.transaction.api.TransactionKind;
import org.strowger.sip.transaction.api.TransactionState;
import org.strowger.sip.transaction.spi.ServerTransactionUser;
import org.strowger.sip.transport.api.Flow;

/**
 * A server transaction (RFC 3261 §17.2): the request that created it, the flow it came on, the last
 * response, and sending responses along that flow with {@code SipTransport.sendResponse} (§18.2.2). A
 * failed send becomes the machine's transport-error event (§17.2.4).
 */
abstract class ServerTransactionFsm<S extends Enum<S> & FsmState<E>, E extends Enum<E>>
        extends AbstractTransaction<S, E> implements ServerTransaction {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTransactionFsm.class);

    final SipRequest request;
    final Flow flow;
    /** Reliable transport: no response retransmissions, zero Timers I and J. */
    final boolean reliable;
    private final ServerMatching.Key key;
    private final ServerMatching.LegacyKey legacyKey;
    private final String source;
    private final String id;
    private final String branch;
    private volatile SipResponse lastResponse;
    /** Set before moving to Terminated abnormally; reported to the TU there. */
    TransactionFailure failure;

    ServerTransactionFsm(TransactionKind kind, LayerContext ctx, SipRequest request, Flow flow, Class<E> events,
            S initial) {
        super(kind, ctx, request, events, initial);
        this.request = request;
        this.flow = flow;
        this.reliable = flow.transport().isReliable();
        this.key = ServerMatching.key(request);
        this.legacyKey = key == null ? ServerMatching.legacyKey(request) : null;
        this.source = TransactionTable.source(flow);
        Via top = request.topVia();
        this.branch = top != null && top.branch() != null ? top.branch() : "-";
        this.id = key != null ? top.branch()
                : "rfc2543:" + request.callId() + ":" + request.cseq().sequence() + ":" + request.method();
    }

    /** Enters the initial state (call's executor); the dispatcher then hands the request to the TU. */
    abstract void start();

    /** A retransmission of the request matched this transaction (§17.2.3). */
    abstract void receiveRetransmission(SipRequest retransmission);

    /** A response from the TU, on the call's executor. */
    abstract void fromTu(SipResponse response);

    /** Delivers the transport-error event to the current state. */
    abstract void onTransportError();

    /** The table key (magic cookie) or {@code null} (RFC 2543 request, matched field by field). */
    final ServerMatching.Key key() {
        return key;
    }

    /** The RFC 2543 index key (Call-ID, CSeq number) when {@link #key()} is {@code null}. */
    final ServerMatching.LegacyKey legacyKey() {
        return legacyKey;
    }

    /** The IP the request came from, as counted by {@code maxTransactionsPerSource}. */
    final String source() {
        return source;
    }

    @Override
    final String id() {
        return id;
    }

    @Override
    final String branch() {
        return branch;
    }

    @Override
    final String peer() {
        return flow.transport() + " " + Flow.format(flow.remote());
    }

    @Override
    final void unregister() {
        ctx.table().remove(this);
    }

    @Override
    public final TransactionKind kind() {
        return kind;
    }

    @Override
    public final SipRequest request() {
        return request;
    }

    @Override
    public final Flow flow() {
        return flow;
    }

    @Override
    public final TransactionState state() {
        return publishedState();
    }

    @Override
    public final SipResponse lastResponse() {
        return lastResponse;
    }

    @Override
    public final void respond(SipResponse response) {
        Objects.requireNonNull(response, "response");
        executor.run(() -> fromTu(response));
    }

    /** Passes {@code response} to the transport and remembers it for retransmissions. */
    final void send(SipResponse response) {
        lastResponse = response;
        recordStatus(response.statusCode());
        CompletionStage<Flow> stage;
        try {
            stage = ctx.transport().sendResponse(response, flow);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((sent, error) -> {
            if (error != null) {
                executor.submit(() -> sendFailed(response, error));
            }
        });
    }

    /** Sends the last response again (a request retransmission or Timer G). */
    final void resend() {
        SipResponse last = lastResponse;
        if (last != null) {
            ctx.metrics().retransmissionsSent.increment();
            send(last);
        }
    }

    private void sendFailed(SipResponse response, Throwable error) {
        if (isTerminated()) {
            return;
        }
        ctx.metrics().transportErrors.increment();
        LOG.debug("call={} tx={} sending {} to {} failed: {}", callId, id, response.statusCode(), flow, describe(error));
        onTransportError();
    }

    /** Tells the TU the transaction ended abnormally (§17.2.1 Timer H, §17.2.4). */
    final void informUser(TransactionFailure why) {
        ServerTransactionUser user = ctx.user().get();
        if (user == null) {
            LOG.debug("call={} tx={} {} not reported: no transaction user", callId, id, why);
            return;
        }
        user.onServerFailure(this, why);
    }

    /** A TU response the current state does not accept (§17.2: "ignored and logged"). */
    final void refused(SipResponse response) {
        LOG.debug("call={} tx={} {} {} from the transaction user ignored in state {}", callId, id, response.statusCode(),
                response.reasonPhrase(), state());
    }

    @Override
    public String toString() {
        return kind + " " + id + " " + publishedState();
    }
}
