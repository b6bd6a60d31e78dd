package org.strowger.sip.transaction.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.dns.api.SipTarget;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.SipUri;
import org.strowger.sip.message.api.StatusCodes;
import org.strowger.sip.message.api.Via;
import org.strowger.sip.transaction.api.ClientTransaction;
import org.strowger.sip.transaction.api.ClientTransactionUser;
import org.strowger.sip.transaction.api.TransactionFailure;
import org.strowger.sip.transaction.api.TransactionKind;
import org.strowger.sip.transaction.api.TransactionState;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.Transport;

/**
 * The handle a client TU holds: one request, sent to its RFC 3263 targets in order (RFC 3263 §4.3).
 * Each target gets its own §17.1 state machine with a new branch; a timeout, a transport error or a
 * 503 from one target moves on to the next, and the TU sees the provisional responses of every attempt
 * but only the final outcome of the last. When no target is left the TU gets the last real response or
 * a synthesized 408 (timeout) / 503 (transport error, no target, overload), RFC 3261 §8.1.3.1.
 *
 * <p>It also sends the CANCEL of an INVITE (§9.1) once a provisional response has arrived. State is
 * owned by the call's executor; the fields other threads read are volatile.
 *
 * <p>The TU's request object is never modified: the handle works on a copy with the layer's Via (the
 * template), and each attempt on a copy of the template with its own branch, which the transport
 * may rewrite (sent-by) on every retransmission. So the TU may send the same object again later (a
 * retry, a resend) and it leaves with exactly one Via of ours.
 *
 * <p>Until its user has been told {@code onTerminated} the handle is in {@link LiveRequests}: when the
 * layer stops ({@code close()}) it ends with a synthesized 503 "layer stopping" (if no final response
 * had arrived) and {@code onTerminated}.
 */
final class ClientRequest implements ClientTransaction, ClientOwner {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRequest.class);
    /** The sent-by the transport replaces with its listener's (SipTransport.sendRequest, RFC 3261 §18.1.1). */
    static final String PLACEHOLDER_HOST = "sent-by.invalid";

    private enum CancelState { NONE, PENDING, SENT }

    private final LayerContext ctx;
    private final TransactionKind kind;
    private final SipRequest template;
    private final ClientTransactionUser user;
    private final CallExecutor executor;
    private final String callId;
    private volatile String branch;
    private volatile ClientTransactionFsm<?, ?> current;
    private volatile TransactionFailure failure;
    private volatile boolean finalReceived;
    private volatile boolean terminated;
    private List<NextHop.Target> targets = List.of();
    private int index = -1;
    private boolean provisionalReceived;
    private CancelState cancelState = CancelState.NONE;
    private String cancelReason;
    private NonInviteClientTransaction cancelTx;

    /**
     * Copies {@code request} and pushes the layer's Via (with a fresh branch) onto the copy; nothing is
     * sent yet, {@code request} itself is left as it is.
     */
    ClientRequest(LayerContext ctx, SipRequest request, ClientTransactionUser user) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(user, "user");
        SipMethod method = request.method();
        if (SipMethod.ACK.equals(method) || SipMethod.CANCEL.equals(method)) {
            throw new IllegalArgumentException(method + " is not sent in a client transaction: use "
                    + (SipMethod.ACK.equals(method) ? "sendStateless" : "ClientTransaction.cancel"));
        }
        if (request.callId() == null || request.cseq() == null || request.from() == null || request.to() == null) {
            throw new IllegalArgumentException("a request needs Call-ID, CSeq, From and To (RFC 3261 §8.1.1)");
        }
        this.ctx = ctx;
        this.kind = SipMethod.INVITE.equals(method) ? TransactionKind.INVITE_CLIENT : TransactionKind.NON_INVITE_CLIENT;
        this.user = user;
        this.callId = request.callId();
        this.executor = ctx.executors().forCallId(callId);
        this.branch = ctx.ids().newBranch();
        SipRequest copy = MessageCopy.of(request);
        pushVia(copy, branch);
        this.template = copy;
        ctx.requests().add(this);
    }

    /** Pushes {@code SIP/2.0/UDP <placeholder>;branch=…;rport}; the transport writes the real sent-by. */
    static void pushVia(SipRequest request, String branch) {
        request.prependHeader(HeaderNames.VIA,
                Via.of(Transport.UDP.name(), PLACEHOLDER_HOST, -1, branch).withParam("rport", null).toString());
    }

    CallExecutor executor() {
        return executor;
    }

    // ------------------------------------------------------------------ start (call's executor)

    /** Resolves {@code nextHop} (RFC 3263) and sends to the first target. */
    void resolveAndStart(SipUri nextHop) {
        if (terminated || stopping() || overloaded()) {
            return;
        }
        CompletionStage<List<SipTarget>> stage;
        try {
            stage = ctx.resolver().resolve(nextHop, NextHop.SUPPORTED);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((list, error) -> executor.submit(() -> resolved(nextHop, list, error)));
    }

    /** Sends to one known target, without resolution or failover. */
    void startAt(NextHop.Target target) {
        if (terminated || stopping() || overloaded()) {
            return;
        }
        targets = List.of(target);
        attempt(0);
    }

    /** There is nothing to resolve (e.g. a tel: Request-URI without a Route): synthesized 503. */
    void noRoute(String why) {
        refuse(TransactionFailure.NO_TARGET, "no route to " + template.requestUri() + ": " + why);
    }

    /** The layer has stopped: synthesized 503 "layer stopping" (the request is not sent). */
    void refuseStopped() {
        if (!terminated) {
            refuse(TransactionFailure.OVERLOAD, ClientTransactionFsm.LAYER_STOPPING);
        }
    }

    private boolean stopping() {
        if (!ctx.closed()) {
            return false;
        }
        refuseStopped();
        return true;
    }

    private boolean overloaded() {
        if (ctx.table().size() < ctx.settings().maxTransactions()) {
            return false;
        }
        ctx.metrics().overload503.increment();
        LOG.debug("call={} {} refused: {} live transactions, the maxTransactions limit", callId, template.method(),
                ctx.table().size());
        refuse(TransactionFailure.OVERLOAD, "transaction limit reached");
        return true;
    }

    private void resolved(SipUri nextHop, List<SipTarget> list, Throwable error) {
        if (terminated || stopping()) {
            return;
        }
        if (error != null) {
            refuse(TransactionFailure.NO_TARGET, "no route to " + nextHop + ": " + AbstractTransaction.describe(error));
            return;
        }
        List<NextHop.Target> usable = NextHop.usable(list == null ? List.of() : list);
        if (usable.isEmpty()) {
            refuse(TransactionFailure.NO_TARGET, "no route to " + nextHop + ": no UDP or TCP target");
            return;
        }
        targets = usable;
        attempt(0);
    }

    private void attempt(int i) {
        index = i;
        NextHop.Target target = targets.get(i);
        String b = i == 0 ? branch : ctx.ids().newBranch();
        SipRequest copy = MessageCopy.of(template);
        copy.setTopVia(template.topVia().withParam("branch", b));
        branch = b;
        provisionalReceived = false;
        ClientTransactionFsm<?, ?> tx = kind == TransactionKind.INVITE_CLIENT
                ? new InviteClientTransaction(ctx, copy, target.address(), target.transport(), this)
                : new NonInviteClientTransaction(ctx, copy, target.address(), target.transport(), this);
        current = tx;
        ctx.table().add(tx);
        LOG.debug("call={} tx={} {} to {} (target {} of {})", callId, b, template.method(), target.description(), i + 1,
                targets.size());
        tx.start();
    }

    private void refuse(TransactionFailure why, String reason) {
        int status = StatusCodes.SERVICE_UNAVAILABLE;
        failure = why;
        finalReceived = true;
        terminated = true;
        LOG.debug("call={} tx={} {}: synthesized {} ({})", callId, branch, template.method(), status, reason);
        deliver(Responses.synthesized(template, status, reason));
        finish();
    }

    /** Tells the user the request is over ({@code onTerminated}), once. */
    private void finish() {
        terminated = true;
        ctx.requests().remove(this);
        try {
            user.onTerminated(this);
        } catch (RuntimeException e) {
            LOG.error("call={} tx={} client transaction user failed: {}", callId, branch, e.toString(), e);
        }
    }

    /**
     * The layer is stopping (call's executor): a pending CANCEL's transaction and the current attempt
     * are terminated at once (their timers cancelled); the user gets a synthesized 503 "layer stopping"
     * ({@link TransactionFailure#OVERLOAD}) unless a final response had arrived, then {@code onTerminated}.
     */
    void stop() {
        if (terminated) {
            return;
        }
        NonInviteClientTransaction c = cancelTx;
        if (c != null && !c.isTerminated()) {
            c.stop();
        }
        ClientTransactionFsm<?, ?> tx = current;
        if (tx != null && !tx.isTerminated()) {
            tx.stop(); // reports OVERLOAD (no final yet) and Terminated: onFailure, onTerminated below
        }
        if (!terminated) {
            if (finalReceived) {
                finish();
            } else {
                refuse(TransactionFailure.OVERLOAD, ClientTransactionFsm.LAYER_STOPPING);
            }
        }
    }

    // ------------------------------------------------------------------ reports of the attempts

    @Override
    public void onResponse(ClientTransactionFsm<?, ?> tx, SipResponse response) {
        if (tx != current) {
            LOG.debug("call={} tx={} {} of an abandoned attempt ignored", callId, tx.id(), response.statusCode());
            return;
        }
        int status = response.statusCode();
        if (status < 200) {
            provisionalReceived = true;
            deliver(response);
            if (cancelState == CancelState.PENDING && current == tx && !tx.isTerminated()) {
                sendCancel();
            }
            return;
        }
        if (status == StatusCodes.SERVICE_UNAVAILABLE && canFailOver()) {
            failOver(tx, "503 " + response.reasonPhrase());
            return;
        }
        finalReceived = true;
        deliver(response);
    }

    @Override
    public void onFailure(ClientTransactionFsm<?, ?> tx, TransactionFailure why, String reason) {
        if (tx != current) {
            return;
        }
        if (canFailOver()) {
            failOver(tx, reason);
            return;
        }
        failure = why;
        finalReceived = true;
        int status = why == TransactionFailure.TIMEOUT ? StatusCodes.REQUEST_TIMEOUT : StatusCodes.SERVICE_UNAVAILABLE;
        LOG.debug("call={} tx={} {}: synthesized {} ({})", callId, tx.id(), template.method(), status, reason);
        deliver(Responses.synthesized(tx.request, status, reason));
    }

    @Override
    public void onTerminated(ClientTransactionFsm<?, ?> tx) {
        if (tx != current || terminated) {
            return;
        }
        finish();
    }

    private boolean canFailOver() {
        return index + 1 < targets.size() && cancelState == CancelState.NONE && !finalReceived && !ctx.closed();
    }

    private void failOver(ClientTransactionFsm<?, ?> tx, String why) {
        ctx.metrics().failovers.increment();
        LOG.debug("call={} tx={} target {} failed ({}); trying the next one", callId, tx.id(), tx.peer(), why);
        attempt(index + 1);
    }

    private void deliver(SipResponse response) {
        try {
            user.onResponse(this, response);
        } catch (RuntimeException e) {
            LOG.error("call={} tx={} client transaction user failed on {}: {}", callId, branch, response.statusCode(),
                    e.toString(), e);
        }
    }

    // ------------------------------------------------------------------ CANCEL (RFC 3261 §9.1)

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code reason} contains CR, LF or NUL (it could not become a
     *         header field value), at once in the caller's thread
     */
    @Override
    public boolean cancel(String reason) {
        checkReason(reason);
        if (kind != TransactionKind.INVITE_CLIENT || finalReceived || terminated) {
            return false;
        }
        if (executor.isOwner()) {
            return requestCancel(reason);
        }
        executor.submit(() -> requestCancel(reason));
        return true;
    }

    private boolean requestCancel(String reason) {
        if (finalReceived || terminated) {
            return false;
        }
        if (cancelState != CancelState.NONE) {
            return true;
        }
        cancelReason = reason;
        if (provisionalReceived && current != null) {
            sendCancel();
        } else {
            cancelState = CancelState.PENDING;
        }
        return true;
    }

    /** A Reason header value (RFC 3326) must be a single header field line (RFC 3261 §7.3.1). */
    static void checkReason(String reason) {
        if (reason == null) {
            return;
        }
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("CANCEL reason must not contain CR, LF or NUL (RFC 3261 §7.3.1)");
            }
        }
    }

    /**
     * Builds and sends the CANCEL (§9.1) in its own non-INVITE client transaction. Whatever happens
     * while building or starting it, the INVITE gets its 64·T1 to answer (then a synthesized 408): a
     * CANCEL that could not be sent must not leave the INVITE waiting forever.
     */
    private void sendCancel() {
        cancelState = CancelState.SENT;
        ClientTransactionFsm<?, ?> invite = current;
        try {
            SipRequest cancel = CancelBuilder.cancel(invite.request, cancelReason);
            Flow f = invite.flow();
            Transport t = f != null ? f.transport() : invite.transport;
            NonInviteClientTransaction tx = new NonInviteClientTransaction(ctx, cancel, invite.destination, t,
                    CancelOwner.INSTANCE);
            cancelTx = tx;
            ctx.table().add(tx);
            tx.start();
        } catch (RuntimeException e) {
            LOG.error("call={} tx={} CANCEL could not be sent: {}", callId, invite.id(), e.toString(), e);
        } finally {
            if (invite instanceof InviteClientTransaction inviteTx) {
                inviteTx.cancelSent();
            }
        }
    }

    /** The owner of a CANCEL's transaction: its outcome is not reported (the INVITE's 487 is). */
    private enum CancelOwner implements ClientOwner {
        INSTANCE;

        @Override
        public void onResponse(ClientTransactionFsm<?, ?> tx, SipResponse response) {
            LOG.debug("call={} tx={} CANCEL answered {} {}", tx.callId, tx.id(), response.statusCode(),
                    response.reasonPhrase());
        }

        @Override
        public void onFailure(ClientTransactionFsm<?, ?> tx, TransactionFailure why, String reason) {
            LOG.debug("call={} tx={} CANCEL failed: {}", tx.callId, tx.id(), reason);
        }

        @Override
        public void onTerminated(ClientTransactionFsm<?, ?> tx) {
        }
    }

    // ------------------------------------------------------------------ ClientTransaction

    @Override
    public TransactionKind kind() {
        return kind;
    }

    @Override
    public SipRequest request() {
        ClientTransactionFsm<?, ?> tx = current;
        return tx != null ? tx.request : template;
    }

    @Override
    public String branch() {
        return branch;
    }

    @Override
    public TransactionState state() {
        ClientTransactionFsm<?, ?> tx = current;
        if (tx != null) {
            return tx.publishedState();
        }
        if (terminated) {
            return TransactionState.TERMINATED;
        }
        return kind == TransactionKind.INVITE_CLIENT ? TransactionState.CALLING : TransactionState.TRYING;
    }

    @Override
    public Optional<Flow> flow() {
        ClientTransactionFsm<?, ?> tx = current;
        return tx == null ? Optional.empty() : Optional.ofNullable(tx.flow());
    }

    @Override
    public Optional<TransactionFailure> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return kind + " " + template.method() + " " + branch + " " + state();
    }
}
