package org.strowger.sip.transaction.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.message.api.CSeq;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.StatusCodes;
import org.strowger.sip.message.api.Via;
import org.strowger.sip.transaction.spi.ServerTransactionUser;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.InboundMessage;

/**
 * Routes each inbound message, on its call's executor, to the transaction it matches or to the TU:
 * <ul>
 * <li>responses to client transactions by Call-ID, top Via branch and CSeq method (RFC 3261 §17.1.3);
 * others are stray ({@code onStrayResponse});</li>
 * <li>requests to server transactions by §17.2.3 with the Call-ID (see {@link ServerMatching}); a new
 * request creates one and goes to the TU ({@code onRequest}), unless no TU is bound or a limit is
 * reached ({@code maxTransactions}, {@code maxTransactionsPerSource}: 503 with Retry-After, without a
 * transaction);</li>
 * <li>an ACK to the INVITE transaction it matches, else to the TU ({@code onAck}: the ACK for a 2xx);</li>
 * <li>a CANCEL gets its own non-INVITE transaction; matched (§9.2) it goes to the TU with the
 * transaction it cancels ({@code onCancel}) — admitted past the limits, since it ends work rather than
 * adding any — unmatched it is answered 481 by the layer.</li>
 * </ul>
 */
final class InboundDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);

    private final LayerContext ctx;

    InboundDispatcher(LayerContext ctx) {
        this.ctx = ctx;
    }

    void dispatch(InboundMessage inbound) {
        if (inbound.message() instanceof SipRequest request) {
            onRequest(request, inbound.flow());
        } else {
            onResponse((SipResponse) inbound.message(), inbound.flow());
        }
    }

    // ------------------------------------------------------------------ responses

    private void onResponse(SipResponse response, Flow flow) {
        Via top = response.topVia();
        CSeq cseq = response.cseq();
        ClientTransactionFsm<?, ?> tx = top != null && top.branch() != null && cseq != null
                ? ctx.table().client(response.callId(), top.branch(), cseq.method()) : null;
        if (tx != null) {
            tx.receive(response, flow);
            return;
        }
        ctx.stray(response, flow);
    }

    // ------------------------------------------------------------------ requests

    private void onRequest(SipRequest request, Flow flow) {
        SipMethod method = request.method();
        if (SipMethod.ACK.equals(method)) {
            onAck(request, flow);
        } else if (SipMethod.CANCEL.equals(method)) {
            onCancel(request, flow);
        } else {
            onOther(request, flow);
        }
    }

    private void onOther(SipRequest request, Flow flow) {
        ServerTransactionFsm<?, ?> existing = retransmissionOf(request);
        if (existing != null) {
            existing.receiveRetransmission(request);
            return;
        }
        ServerTransactionUser user = admit(request, flow);
        if (user == null) {
            return;
        }
        ServerTransactionFsm<?, ?> tx = SipMethod.INVITE.equals(request.method())
                ? new InviteServerTransaction(ctx, request, flow)
                : new NonInviteServerTransaction(ctx, request, flow);
        ctx.table().add(tx);
        tx.start();
        handOver(tx, () -> user.onRequest(tx));
    }

    private void onAck(SipRequest ack, Flow flow) {
        InviteServerTransaction tx = inviteFor(ack);
        if (tx != null) {
            tx.receiveAck(ack, flow);
            return;
        }
        ServerTransactionUser user = ctx.user().get();
        if (user == null) {
            LOG.debug("call={} ACK from {} dropped: no transaction user", ack.callId(), flow);
            return;
        }
        user.onAck(ack, flow);
    }

    private void onCancel(SipRequest cancel, Flow flow) {
        ServerTransactionFsm<?, ?> own = retransmissionOf(cancel);
        if (own != null) {
            own.receiveRetransmission(cancel);
            return;
        }
        ServerTransactionFsm<?, ?> target = cancelled(cancel);
        ServerTransactionUser user = target != null ? userFor(cancel, flow) : admit(cancel, flow);
        if (user == null) {
            return;
        }
        NonInviteServerTransaction tx = new NonInviteServerTransaction(ctx, cancel, flow);
        ctx.table().add(tx);
        tx.start();
        if (target != null) {
            handOver(tx, () -> user.onCancel(tx, target));
            return;
        }
        ctx.metrics().cancel481.increment();
        LOG.debug("call={} CANCEL from {} matches no transaction: 481", cancel.callId(), flow);
        SipResponse response = SipResponse.createFor(cancel, StatusCodes.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        response.addStatelessToTag();
        tx.respond(response);
    }

    /**
     * The TU for a new request, or {@code null} after answering 503 (no TU, over {@code maxTransactions},
     * or over {@code maxTransactionsPerSource} for the request's source IP).
     */
    private ServerTransactionUser admit(SipRequest request, Flow flow) {
        ServerTransactionUser user = userFor(request, flow);
        if (user == null) {
            return null;
        }
        if (ctx.table().size() >= ctx.settings().maxTransactions()) {
            ctx.metrics().overload503.increment();
            reject(request, flow, "transaction limit reached");
            return null;
        }
        String source = TransactionTable.source(flow);
        if (ctx.table().fromSource(source) >= ctx.settings().maxTransactionsPerSource()) {
            ctx.metrics().sourceLimit503.increment();
            reject(request, flow, "transaction limit for " + source + " reached");
            return null;
        }
        return user;
    }

    /** The bound TU, or {@code null} after answering 503 (none bound). */
    private ServerTransactionUser userFor(SipRequest request, Flow flow) {
        ServerTransactionUser user = ctx.user().get();
        if (user == null) {
            ctx.metrics().noUser503.increment();
            reject(request, flow, "no transaction user");
        }
        return user;
    }

    private void reject(SipRequest request, Flow flow, String why) {
        LOG.debug("call={} {} from {} answered 503: {}", request.callId(), request.method(), flow, why);
        StatelessSender.send(ctx.transport(),
                Responses.serviceUnavailable(request, why, ctx.settings().retryAfterSeconds()), flow);
    }

    /** Calls the TU; if it throws before answering, the request gets 500 rather than silence. */
    private void handOver(ServerTransactionFsm<?, ?> tx, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.error("call={} tx={} transaction user failed on {}: {}", tx.callId, tx.id(), tx.method, e.toString(), e);
            SipResponse last = tx.lastResponse();
            if (!tx.isTerminated() && (last == null || last.statusCode() < 200)) {
                SipResponse error = SipResponse.createFor(tx.request, StatusCodes.SERVER_INTERNAL_ERROR);
                error.addStatelessToTag();
                tx.respond(error);
            }
        }
    }

    // ------------------------------------------------------------------ matching (§17.2.3, §9.2)

    /** The server transaction {@code request} (not an ACK) is a retransmission of, if any. */
    private ServerTransactionFsm<?, ?> retransmissionOf(SipRequest request) {
        ServerMatching.Key key = ServerMatching.key(request);
        if (key != null) {
            return ctx.table().server(key);
        }
        for (ServerTransactionFsm<?, ?> tx : ctx.table().legacy(ServerMatching.legacyKey(request))) {
            if (tx.method.equals(request.method())
                    && ServerMatching.matches2543(tx.request, tx.lastResponse(), request, ServerMatching.Rule.SAME_REQUEST)) {
                return tx;
            }
        }
        return null;
    }

    /** The INVITE server transaction an ACK belongs to, if any (ACK matches INVITE, §17.2.3). */
    private InviteServerTransaction inviteFor(SipRequest ack) {
        ServerMatching.Key key = ServerMatching.key(ack, SipMethod.INVITE);
        if (key != null) {
            return ctx.table().server(key) instanceof InviteServerTransaction tx ? tx : null;
        }
        for (ServerTransactionFsm<?, ?> tx : ctx.table().legacy(ServerMatching.legacyKey(ack))) {
            if (tx instanceof InviteServerTransaction invite
                    && ServerMatching.matches2543(tx.request, tx.lastResponse(), ack, ServerMatching.Rule.ACK)) {
                return invite;
            }
        }
        return null;
    }

    /** The transaction a CANCEL cancels (§9.2: the §17.2.3 rules except the method; same Call-ID, §9.1), if any. */
    private ServerTransactionFsm<?, ?> cancelled(SipRequest cancel) {
        ServerMatching.Key key = ServerMatching.key(cancel);
        if (key != null) {
            return ctx.table().cancelTarget(key);
        }
        for (ServerTransactionFsm<?, ?> tx : ctx.table().legacy(ServerMatching.legacyKey(cancel))) {
            if (!SipMethod.CANCEL.equals(tx.method)
                    && ServerMatching.matches2543(tx.request, tx.lastResponse(), cancel, ServerMatching.Rule.CANCEL_TARGET)) {
                return tx;
            }
        }
        return null;
    }
}
