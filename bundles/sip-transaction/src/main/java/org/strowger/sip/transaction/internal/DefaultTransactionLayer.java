package org.strowger.sip.transaction.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.platform.api.Clock;
import org.strowger.platform.api.Ids;
import org.strowger.platform.api.Metrics;
import org.strowger.platform.api.SerialExecutors;
import org.strowger.platform.api.TimerService;
import org.strowger.sip.dns.api.SipResolutionException;
import org.strowger.sip.dns.api.SipResolver;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipUri;
import org.strowger.sip.transaction.api.ClientTransaction;
import org.strowger.sip.transaction.api.ClientTransactionUser;
import org.strowger.sip.transaction.api.TransactionInfo;
import org.strowger.sip.transaction.api.TransactionLayer;
import org.strowger.sip.transaction.spi.ServerTransactionUser;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.InboundMessage;
import org.strowger.sip.transport.api.SipTransport;
import org.strowger.sip.transport.api.Transport;
import org.strowger.sip.transport.spi.SipMessageHandler;

/**
 * The transaction layer without OSGi: what {@link TransactionLayerComponent} publishes, and what tests
 * build directly. Inbound messages hop from the transport's I/O thread to their Call-ID's executor at
 * once; when that executor's queue is full a request is answered 503 with Retry-After on the I/O
 * thread (statelessly) and a response or ACK is dropped, both counted.
 *
 * <p>Public only so that {@code org.strowger.sip.transaction.testkit} (same bundle) can build it; the
 * package stays private to the bundle.
 */
public final class DefaultTransactionLayer implements TransactionLayer, SipMessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultTransactionLayer.class);

    private final LayerContext ctx;
    private final InboundDispatcher dispatcher;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A layer sending through {@code transport}; every call's work runs on {@code serials}. */
    public DefaultTransactionLayer(SipTransport transport, TimerService timers, SerialExecutors serials, Ids ids,
            Metrics metrics, Clock clock, SipResolver resolver, LayerSettings settings) {
        this.ctx = new LayerContext(transport, timers, new CallExecutors(serials, timers), ids, clock, resolver, settings,
                new LayerMetrics(metrics), new TransactionTable(), new UserSlot(), new LiveRequests());
        this.dispatcher = new InboundDispatcher(ctx);
    }

    /** Binds the server transaction user (replacing the bound one), as DS binds a greedy reference. */
    public void setUser(ServerTransactionUser user) {
        ctx.user().set(user);
    }

    /** Unbinds {@code user} if it is still the bound one (DS binds the replacement first). */
    public void clearUser(ServerTransactionUser user) {
        ctx.user().clear(user);
    }

    /**
     * Stops all activity. Inbound messages are ignored from now on and timers and queued work of this
     * layer are dropped. Every live client request ends on its call's executor: its current attempt
     * (and a CANCEL's transaction) is terminated with its timers cancelled, and its user gets a
     * synthesized 503 "layer stopping" ({@link org.strowger.sip.transaction.api.TransactionFailure#OVERLOAD};
     * not after a final response) and {@code onTerminated}. A {@code sendRequest} after this gets the
     * same 503 at once. Server transactions are dropped; the table is cleared.
     */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            ctx.executors().close();
            List<ClientRequest> requests = ctx.requests().snapshot();
            for (ClientRequest request : requests) {
                request.executor().submitEvenIfClosed(request::stop);
            }
            int live = ctx.table().size();
            ctx.table().clear();
            LOG.debug("transaction layer stopped with {} live transactions and {} client requests", live,
                    requests.size());
        }
    }

    LayerSettings settings() {
        return ctx.settings();
    }

    // ------------------------------------------------------------------ inbound (transport I/O thread)

    @Override
    public void onMessage(InboundMessage inbound) {
        if (closed.get()) {
            return;
        }
        SipMessage message = inbound.message();
        try {
            ctx.executors().forCallId(message.callId()).execute(() -> dispatcher.dispatch(inbound));
        } catch (RejectedExecutionException e) {
            queueFull(inbound);
        }
    }

    private void queueFull(InboundMessage inbound) {
        if (inbound.message() instanceof SipRequest request && !SipMethod.ACK.equals(request.method())) {
            ctx.metrics().queueFull503.increment();
            LOG.debug("call={} {} from {} answered 503: call executor queue full", request.callId(), request.method(),
                    inbound.flow());
            StatelessSender.send(ctx.transport(), Responses.serviceUnavailable(request, "call executor queue full",
                    ctx.settings().retryAfterSeconds()), inbound.flow());
        } else {
            ctx.metrics().queueFullResponsesDropped.increment();
            LOG.debug("call={} message from {} dropped: call executor queue full", inbound.message().callId(),
                    inbound.flow());
        }
    }

    // ------------------------------------------------------------------ client side

    @Override
    public ClientTransaction sendRequest(SipRequest request, ClientTransactionUser user) {
        ClientRequest handle = new ClientRequest(ctx, request, user);
        if (refusedAfterClose(handle)) {
            return handle;
        }
        SipUri nextHop;
        try {
            nextHop = NextHop.of(request);
        } catch (IllegalArgumentException e) {
            handle.executor().submit(() -> handle.noRoute(AbstractTransaction.describe(e)));
            return handle;
        }
        handle.executor().submit(() -> handle.resolveAndStart(nextHop));
        return handle;
    }

    @Override
    public ClientTransaction sendRequest(SipRequest request, SipUri nextHop, ClientTransactionUser user) {
        Objects.requireNonNull(nextHop, "nextHop");
        ClientRequest handle = new ClientRequest(ctx, request, user);
        if (refusedAfterClose(handle)) {
            return handle;
        }
        handle.executor().submit(() -> handle.resolveAndStart(nextHop));
        return handle;
    }

    @Override
    public ClientTransaction sendRequest(SipRequest request, InetSocketAddress destination, Transport transport,
            ClientTransactionUser user) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(transport, "transport");
        ClientRequest handle = new ClientRequest(ctx, request, user);
        if (refusedAfterClose(handle)) {
            return handle;
        }
        NextHop.Target target = new NextHop.Target(destination, transport, transport + " " + Flow.format(destination));
        handle.executor().submit(() -> handle.startAt(target));
        return handle;
    }

    /** After {@link #close()}: the request gets its synthesized 503 at once (on its call's executor). */
    private boolean refusedAfterClose(ClientRequest handle) {
        if (!closed.get()) {
            return false;
        }
        handle.executor().submitEvenIfClosed(handle::refuseStopped);
        return true;
    }

    /**
     * Sends a copy of {@code request} with a Via of its own (fresh branch): the caller's object is not
     * modified, so it can be sent again (the UA core keeps the ACK for a 2xx and resends it on every
     * retransmission of the 2xx, §13.2.2.4).
     */
    @Override
    public CompletionStage<Flow> sendStateless(SipRequest request) {
        Objects.requireNonNull(request, "request");
        SipRequest copy = MessageCopy.of(request);
        ClientRequest.pushVia(copy, ctx.ids().newBranch());
        SipUri nextHop;
        try {
            nextHop = NextHop.of(copy);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new SipResolutionException(
                    "no route to " + request.requestUri() + ": " + AbstractTransaction.describe(e)));
        }
        CompletionStage<List<org.strowger.sip.dns.api.SipTarget>> resolved;
        try {
            resolved = ctx.resolver().resolve(nextHop, NextHop.SUPPORTED);
        } catch (RuntimeException e) {
            resolved = CompletableFuture.failedFuture(e);
        }
        return resolved.thenCompose(targets -> {
            List<NextHop.Target> usable = NextHop.usable(targets);
            if (usable.isEmpty()) {
                return CompletableFuture.failedFuture(
                        new SipResolutionException("no route to " + nextHop + ": no UDP or TCP target"));
            }
            NextHop.Target first = usable.get(0);
            return ctx.transport().sendRequest(copy, first.address(), first.transport());
        });
    }

    // ------------------------------------------------------------------ other

    @Override
    public Executor executorFor(String callId) {
        return ctx.executors().forCallId(callId);
    }

    @Override
    public List<TransactionInfo> transactions() {
        long now = ctx.clock().nanoTime();
        List<TransactionInfo> out = new ArrayList<>();
        for (AbstractTransaction<?, ?> tx : ctx.table().all()) {
            out.add(tx.info(now));
        }
        return out;
    }
}
