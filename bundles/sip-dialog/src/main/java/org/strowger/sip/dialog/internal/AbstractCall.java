package org.strowger.sip.dialog.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.dialog.api.Body;
import org.strowger.sip.dialog.api.Call;
import org.strowger.sip.dialog.api.CallListener;
import org.strowger.sip.dialog.api.CallOptions;
import org.strowger.sip.dialog.api.CallState;
import org.strowger.sip.dialog.api.DialogInfo;
import org.strowger.sip.dialog.api.Direction;
import org.strowger.sip.dialog.api.EndReason;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipHeader;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.api.ClientTransaction;
import org.strowger.sip.transaction.api.ClientTransactionUser;
import org.strowger.sip.transaction.api.ServerTransaction;
import org.strowger.sip.transaction.api.TransactionFailure;

/**
 * What incoming and outgoing INVITE sessions share once a dialog exists (RFC 3261 §12.2, §14, §15,
 * RFC 3311, RFC 4028, RFC 6086): requests received inside the dialog, requests sent inside it,
 * re-INVITE with glare handling, UPDATE, BYE, the 2xx/ACK exchange of re-INVITEs, and the session
 * timer. The call's {@link CallState} changes only through {@link #transition}. All methods named
 * {@code on…} and every mutable field are confined to the call's serial executor; the public
 * {@link Call} methods hop onto it (the few fields read from other threads are volatile).
 */
abstract class AbstractCall implements Call {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractCall.class);
    static final CallListener NO_LISTENER = new CallListener() { };

    final UaCore core;
    final String callId;
    final String localTag;
    private final Executor executor;
    private final long createdNanos;

    private volatile CallState state = CallState.INITIAL;
    volatile Dialog dialog;
    CallListener listener;
    Body localBody;
    volatile Body remoteBody;
    final OfferAnswer offerAnswer = new OfferAnswer();
    final TwoXxRetransmitter okRetransmitter;
    SessionTimerPolicy timerPolicy;
    private final SessionKeeper session;
    boolean peerAllowsUpdate;

    /** Our re-INVITE in progress (no final response yet), §14.1. */
    private ClientTransaction pendingReinvite;
    /** A re-INVITE we received and have not answered finally, §14.2. */
    private ServerTransaction pendingIncomingReinvite;
    /** The ACK we sent for the latest 2xx, resent on its retransmissions (§13.2.2.4). */
    private SipRequest lastAck;
    /** BYE asked for while our 2xx awaits its ACK (§15: not before the ACK or the timeout). */
    boolean byeAfterAck;
    private boolean ended;

    AbstractCall(UaCore core, String callId, String localTag, CallListener listener) {
        this.core = core;
        this.callId = callId;
        this.localTag = localTag;
        this.executor = new LosslessExecutor(core.executorFor(callId), core.timers);
        this.createdNanos = core.clock.nanoTime();
        this.listener = listener != null ? listener : NO_LISTENER;
        this.okRetransmitter = new TwoXxRetransmitter(core.timers, executor, core.settings.t1(), core.settings.t2());
        this.timerPolicy = core.settings.sessionTimers();
        this.session = new SessionKeeper(this, core.timers, executor, core.random);
    }

    SessionKey key() {
        return new SessionKey(callId, localTag);
    }

    Executor executor() {
        return executor;
    }

    long createdNanos() {
        return createdNanos;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public CallState state() {
        return state;
    }

    /** The one place the call's state changes; TERMINATED is final. */
    final void transition(CallState to, String why) {
        CallState from = state;
        if (from == to || from == CallState.TERMINATED) {
            return;
        }
        LOG.trace("call={} {} -> {} on {}", callId, from, to, why);
        state = to;
    }

    @Override
    public Optional<Body> remoteBody() {
        return Optional.ofNullable(remoteBody);
    }

    @Override
    public void setListener(CallListener l) {
        executor.execute(() -> this.listener = l != null ? l : NO_LISTENER);
    }

    @Override
    public Optional<DialogInfo> dialog() {
        Dialog d = dialog;
        if (d == null) {
            return Optional.empty();
        }
        return Optional.of(new DialogInfo(callId, localTag, d.remoteTag(), direction(), state, d.localUri(),
                d.remoteUri(), d.remoteTarget(), d.routeSet(), d.localSeq(), d.remoteSeq(), d.isSecure(),
                session.interval(), session.isLocalRefresher(),
                Duration.ofNanos(core.clock.nanoTime() - createdNanos)));
    }

    /** Calls the listener; its failure is logged and never stops the protocol work around it. */
    final void notifyListener(String what, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("call={} listener failed in {}: {}", callId, what, e.toString(), e);
        }
    }

    final <T> T askListener(String what, Supplier<T> callback) {
        try {
            return callback.get();
        } catch (RuntimeException e) {
            LOG.warn("call={} listener failed in {}: {}", callId, what, e.toString(), e);
            return null;
        }
    }

    // ---- requests received inside the dialog (§12.2.2) -----------------------------------------

    /** The dialog a request from the peer belongs to: by its From tag. */
    Dialog dialogFor(String remoteTag) {
        Dialog d = dialog;
        return d != null && remoteTag != null && remoteTag.equals(d.remoteTag()) ? d : null;
    }

    final void onInDialogRequest(ServerTransaction tx) {
        SipRequest r = tx.request();
        Dialog d = dialogFor(r.from().tag());
        if (d == null || ended) {
            core.respond(tx, 481, "Call/Transaction Does Not Exist");
            return;
        }
        if (!d.acceptRemoteCSeq(r)) {
            core.respond(tx, 500, "Server Internal Error: CSeq " + r.cseq().sequence() + " out of order (§12.2.2)");
            return;
        }
        SipMethod m = r.method();
        if (m.equals(SipMethod.BYE)) {
            onBye(tx);
        } else if (m.equals(SipMethod.INVITE)) {
            onReinvite(tx, d);
        } else if (m.equals(SipMethod.UPDATE)) {
            onUpdate(tx, d);
        } else if (m.equals(SipMethod.PRACK)) {
            onPrack(tx);
        } else if (m.equals(SipMethod.OPTIONS)) {
            SipResponse ok = response(r, 200);
            core.addCapabilities(ok);
            tx.respond(ok);
        } else if (m.equals(SipMethod.INFO) && !core.acceptsInfo(r)) {
            // RFC 6086 §4.2.2: a package we did not announce in Recv-Info
            SipResponse bad = response(r, 469, "Bad Info Package");
            core.addRecvInfo(bad);
            tx.respond(bad);
        } else {
            deliver(tx, false);
        }
    }

    /** §15.1.2: 200 to the BYE; an INVITE still pending gets 487. */
    private void onBye(ServerTransaction tx) {
        tx.respond(response(tx.request(), 200));
        onRemoteByeWhilePending();
        end(EndReason.REMOTE_BYE, null);
    }

    /** Subclasses answer their pending INVITE 487 when a BYE arrives on an early dialog. */
    void onRemoteByeWhilePending() {
    }

    /** RFC 3262 PRACK: only an incoming call has reliable provisionals to acknowledge. */
    void onPrack(ServerTransaction tx) {
        core.respond(tx, 481, "Call/Transaction Does Not Exist: no reliable provisional response pending");
    }

    /** §14.2 re-INVITE received. */
    private void onReinvite(ServerTransaction tx, Dialog d) {
        SipRequest r = tx.request();
        if (pendingReinvite != null || state != CallState.CONFIRMED && direction() == Direction.OUTGOING
                || offerAnswer.state() == OfferAnswer.State.LOCAL_OFFER) {
            core.metrics.glare.increment();
            core.respond(tx, 491, "Request Pending");
            return;
        }
        if (pendingIncomingReinvite != null || state != CallState.CONFIRMED || okRetransmitter.isPending()) {
            SipResponse busy = response(r, 500, "Server Internal Error: an INVITE is already in progress (§14.2)");
            busy.addHeader(HeaderNames.RETRY_AFTER, core.randomRetryAfter());
            tx.respond(busy);
            return;
        }
        SessionTimerDecision timer = timerPolicy.negotiateAsUas(r, false);
        if (timer instanceof SessionTimerDecision.Rejected rejected) {
            reject422(tx, rejected);
            return;
        }
        pendingIncomingReinvite = tx;
        core.invitePending(tx, this);
        d.refreshTarget(r);
        deliver(tx, true);
    }

    /** RFC 3311 §5.2 UPDATE received. */
    private void onUpdate(ServerTransaction tx, Dialog d) {
        SipRequest r = tx.request();
        if (r.body().length > 0) {
            if (offerAnswer.state() == OfferAnswer.State.LOCAL_OFFER) {
                core.metrics.glare.increment();
                core.respond(tx, 491, "Request Pending");
                return;
            }
            if (offerAnswer.state() == OfferAnswer.State.REMOTE_OFFER) {
                SipResponse busy = response(r, 500, "Server Internal Error: the previous offer is not answered yet");
                busy.addHeader(HeaderNames.RETRY_AFTER, core.randomRetryAfter());
                tx.respond(busy);
                return;
            }
        }
        SessionTimerDecision timer = timerPolicy.negotiateAsUas(r, false);
        if (timer instanceof SessionTimerDecision.Rejected rejected) {
            reject422(tx, rejected);
            return;
        }
        d.refreshTarget(r);
        deliver(tx, true);
    }

    void reject422(ServerTransaction tx, SessionTimerDecision.Rejected rejected) {
        SipResponse r = response(tx.request(), 422, "Session Interval Too Small");
        r.setHeader(HeaderNames.MIN_SE, Long.toString(rejected.minSE().toSeconds()));
        tx.respond(r);
    }

    /** Hands a request to the listener; {@code offerCapable}: INVITE/UPDATE bodies take part in offer/answer. */
    private void deliver(ServerTransaction tx, boolean offerCapable) {
        SipRequest r = tx.request();
        if (offerCapable && r.body().length > 0) {
            remoteBody = bodyOf(r);
            offerAnswer.remoteOffer();
        }
        InDialogRequestImpl request = new InDialogRequestImpl(this, tx, offerCapable);
        try {
            listener.onRequest(this, request);
        } catch (RuntimeException e) {
            LOG.warn("call={} listener failed on {}: {}", callId, r.method(), e.toString(), e);
            request.reject(500, "Server Internal Error", new SipHeader[0]);
        }
    }

    /** The listener answered an in-dialog request (from {@link InDialogRequestImpl}, on the executor). */
    void answerInDialog(ServerTransaction tx, int status, String reason, Body body, boolean offerCapable,
            SipHeader... headers) {
        SipRequest r = tx.request();
        boolean invite = r.method().equals(SipMethod.INVITE);
        SipResponse last = tx.lastResponse();
        if (ended || (last != null && last.statusCode() >= 200) || (invite && tx != pendingIncomingReinvite)) {
            // cancelled (487 sent), or the call ended meanwhile: the answer comes too late
            LOG.debug("call={} late answer {} to {} dropped: already answered or call over", callId, status,
                    r.method());
            return;
        }
        SipResponse resp = response(r, status, reason);
        for (SipHeader h : headers) {
            resp.addHeader(h.name(), h.value());
        }
        if (status / 100 == 2) {
            if (offerCapable) {
                Body out = body;
                if (out == null && (invite || r.body().length > 0)) {
                    // no new description given: the current one again (a refresh, or an offer that
                    // changes nothing on our side; RFC 3264 §8 lets the answer repeat the session)
                    out = localBody;
                }
                if (out != null && (r.body().length > 0 || invite)) {
                    resp.setBody(out.contentType(), out.content());
                    localBody = out;
                    offerAnswer.localBody();
                }
                resp.setHeader(HeaderNames.CONTACT, dialog.localContact().toString());
                core.addCapabilities(resp);
                applyTimerDecision(resp, timerPolicy.negotiateAsUas(r, false));
            } else if (body != null) {
                resp.setBody(body.contentType(), body.content());
            }
        } else if (offerCapable && r.body().length > 0) {
            offerAnswer.remoteOfferRejected();
        }
        tx.respond(resp);
        if (invite) {
            pendingIncomingReinvite = null;
            core.inviteDone(tx);
            if (status / 100 == 2) {
                okRetransmitter.start(tx, resp, this::onNoAck);
            }
        }
    }

    /** Puts the UAS session-timer headers in a 2xx and (re)starts the timer (RFC 4028 §9, §10). */
    void applyTimerDecision(SipResponse ok, SessionTimerDecision decision) {
        if (decision instanceof SessionTimerDecision.Active active) {
            active.addHeadersTo(ok);
            session.start(active.interval(), active.localRefresher());
        }
    }

    /** An ACK for one of our 2xx (§13.3.1.4). */
    void onAck(SipRequest ack) {
        if (!okRetransmitter.isPending() || ack.cseq().sequence() != okRetransmitter.pendingCSeq()) {
            return; // a retransmitted ACK
        }
        okRetransmitter.acked();
        if (ack.body().length > 0) {
            remoteBody = bodyOf(ack);
            offerAnswer.remoteAnswer(); // the answer to our 2xx offer, or a repeat
        }
        onConfirmedByAck();
        if (byeAfterAck) {
            byeAfterAck = false;
            sendBye(EndReason.LOCAL_BYE);
        }
    }

    /** The first ACK of an incoming call confirms it; re-INVITE ACKs need nothing more. */
    void onConfirmedByAck() {
    }

    /** §13.3.1.4: 64·T1 without ACK — the session should be terminated with BYE. */
    private void onNoAck() {
        core.metrics.noAck.increment();
        LOG.info("call={} no ACK for our 2xx within 64*T1; ending the call with BYE (RFC 3261 §13.3.1.4)", callId);
        byeAfterAck = false;
        sendBye(EndReason.NO_ACK);
    }

    /** A CANCEL matched one of our pending INVITE server transactions (§9.2). */
    void onCancel(ServerTransaction invite) {
        if (invite == pendingIncomingReinvite) {
            // §9.2 for a re-INVITE: 487 and the session stays as it was
            pendingIncomingReinvite = null;
            core.inviteDone(invite);
            offerAnswer.remoteOfferRejected();
            invite.respond(response(invite.request(), 487));
        }
    }

    void onServerFailure(ServerTransaction tx, TransactionFailure failure) {
        if (tx == pendingIncomingReinvite) {
            pendingIncomingReinvite = null;
        }
    }

    /** A 2xx to one of our INVITEs arrived after its transaction ended (RFC 6026): re-ACK it. */
    void onStray2xx(SipResponse ok) {
        SipRequest ack = lastAck;
        if (ack != null && ack.cseq().sequence() == ok.cseq().sequence()) {
            core.transactions.sendStateless(ack);
        }
    }

    // ---- requests sent inside the dialog (§12.2.1) ----------------------------------------------

    /** The dialog our requests go on: the confirmed one, else the early one. */
    Dialog currentDialog() {
        return dialog;
    }

    @Override
    public CompletionStage<SipResponse> reinvite(Body offer) {
        CompletableFuture<SipResponse> result = new CompletableFuture<>();
        executor.execute(() -> {
            if (state != CallState.CONFIRMED || ended) {
                result.completeExceptionally(new IllegalStateException("re-INVITE needs a confirmed call, call is " + state));
            } else if (!canStartReinvite()) {
                result.completeExceptionally(new IllegalStateException("an INVITE is already in progress on this dialog"));
            } else {
                sendReinvite(offer, result);
            }
        });
        return result;
    }

    /** Our re-INVITE still waiting for its final response, or {@code null}. */
    ClientTransaction pendingReinvite() {
        return pendingReinvite;
    }

    boolean canStartReinvite() {
        return pendingReinvite == null && pendingIncomingReinvite == null && !okRetransmitter.isPending();
    }

    /**
     * A re-INVITE or UPDATE in the dialog (§14.1, RFC 3311 §5.1): Allow and Supported, the offer if
     * any (recorded for offer/answer), the session-timer headers of a timed session (RFC 4028 §7.4).
     */
    private SipRequest sessionRequest(SipMethod method, Body offer) {
        SipRequest r = currentDialog().newRequest(method, -1);
        core.addCapabilities(r);
        r.removeHeader(HeaderNames.ACCEPT);
        if (offer != null) {
            r.setBody(offer.contentType(), offer.content());
            localBody = offer;
            offerAnswer.localBody();
        }
        session.addHeaders(r, timerPolicy);
        core.decorate(r);
        return r;
    }

    /** §14.1: send a re-INVITE; on 491 retry once after the random back-off. */
    void sendReinvite(Body offer, CompletableFuture<SipResponse> result) {
        SipRequest invite = sessionRequest(SipMethod.INVITE, offer);
        pendingReinvite = core.transactions.sendRequest(invite, guarded("re-INVITE", (tx, response) ->
                onReinviteResponse(tx, invite, response, offer, result)));
    }

    private void onReinviteResponse(ClientTransaction tx, SipRequest invite, SipResponse response, Body offer,
            CompletableFuture<SipResponse> result) {
        int status = response.statusCode();
        if (status < 200) {
            return;
        }
        if (status / 100 == 2) {
            if (pendingReinvite == tx) {
                pendingReinvite = null;
            }
            boolean first = lastAck == null || lastAck.cseq().sequence() != invite.cseq().sequence();
            sendAck(invite, response, first);
            if (first) {
                dialog.refreshTarget(response);
                session.onRefreshAnswered(invite, response, timerPolicy);
                result.complete(response);
            }
            return;
        }
        pendingReinvite = null;
        if (offer != null) {
            offerAnswer.localOfferRejected();
        }
        if (status == 491) {
            core.metrics.glare.increment();
            core.timers.schedule(glareBackoff(), executor, () -> {
                if (!ended && state == CallState.CONFIRMED && canStartReinvite()) {
                    sendReinvite(offer, result);
                } else {
                    result.complete(response);
                }
            });
            return;
        }
        result.complete(response);
        onInDialogFailure(response, tx);
    }

    /** §14.1: the owner of the Call-ID (the original caller) waits 2.1–4 s, the other 0–2 s, in 10 ms units. */
    Duration glareBackoff() {
        long units = direction() == Direction.OUTGOING ? 210 + core.random.nextInt(190) : core.random.nextInt(201);
        return Duration.ofMillis(units * 10);
    }

    /**
     * §13.2.2.4: the ACK for a 2xx is built by the UAC core in the dialog (same CSeq number, method
     * ACK), carries the answer when the 2xx had the offer, and is sent outside any transaction; the
     * latest is kept to be resent on each retransmission of its 2xx.
     */
    void sendAck(SipRequest invite, SipResponse ok, boolean first) {
        long seq = invite.cseq().sequence();
        if (!first && lastAck != null && lastAck.cseq().sequence() == seq) {
            core.transactions.sendStateless(lastAck);
            return;
        }
        SipRequest ack = dialog.newRequest(SipMethod.ACK, seq);
        boolean unanswerable = false;
        if (ok.body().length > 0 && invite.body().length == 0) {
            Body offer = bodyOf(ok);
            remoteBody = offer;
            offerAnswer.remoteOffer();
            Body answer = askListener("answerOffer", () -> listener.answerOffer(this, offer));
            if (answer != null) {
                ack.setBody(answer.contentType(), answer.content());
                localBody = answer;
                offerAnswer.localBody();
            } else {
                unanswerable = true; // the offer cannot be answered: ACK, then BYE (§13.2.1)
            }
        } else if (ok.body().length > 0) {
            remoteBody = bodyOf(ok);
            offerAnswer.remoteAnswer(); // the answer to our offer, or a repeat of the reliable 18x's
        }
        core.decorate(ack);
        lastAck = ack;
        core.transactions.sendStateless(ack);
        if (unanswerable) {
            executor.execute(() -> sendBye(EndReason.LOCAL_BYE));
        }
    }

    @Override
    public CompletionStage<SipResponse> update(Body offer) {
        CompletableFuture<SipResponse> result = new CompletableFuture<>();
        executor.execute(() -> {
            if (currentDialog() == null || ended) {
                result.completeExceptionally(new IllegalStateException("UPDATE needs a dialog, call is " + state));
                return;
            }
            if (offer != null && offerAnswer.state() != OfferAnswer.State.STABLE) {
                result.completeExceptionally(new IllegalStateException(
                        "an offer is outstanding (" + offerAnswer.state() + "); RFC 3311 §5.1 forbids another"));
                return;
            }
            sendUpdate(offer, result);
        });
        return result;
    }

    void sendUpdate(Body offer, CompletableFuture<SipResponse> result) {
        SipRequest update = sessionRequest(SipMethod.UPDATE, offer);
        core.transactions.sendRequest(update, guarded("UPDATE", (tx, response) -> {
            if (response.statusCode() < 200) {
                return;
            }
            if (response.statusCode() / 100 == 2) {
                if (offer != null && response.body().length > 0) {
                    remoteBody = bodyOf(response);
                    offerAnswer.remoteAnswer();
                }
                if (dialog != null) {
                    dialog.refreshTarget(response);
                }
                session.onRefreshAnswered(update, response, timerPolicy);
                result.complete(response);
                return;
            }
            if (offer != null) {
                offerAnswer.localOfferRejected();
            }
            result.complete(response);
            onInDialogFailure(response, tx);
        }));
    }

    @Override
    public CompletionStage<SipResponse> info(String infoPackage, Body body) {
        if (infoPackage == null) {
            return sendRequest(SipMethod.INFO, body);
        }
        return sendRequest(SipMethod.INFO, body, new SipHeader("Info-Package", infoPackage));
    }

    @Override
    public CompletionStage<SipResponse> sendRequest(SipMethod method, Body body, SipHeader... headers) {
        CompletableFuture<SipResponse> result = new CompletableFuture<>();
        if (method.equals(SipMethod.INVITE) || method.equals(SipMethod.ACK) || method.equals(SipMethod.CANCEL)
                || method.equals(SipMethod.PRACK) || method.equals(SipMethod.BYE) || method.equals(SipMethod.UPDATE)) {
            result.completeExceptionally(new IllegalArgumentException(method
                    + " is not sent with sendRequest: use hangup(), reinvite() or update(); ACK, CANCEL and PRACK are sent by the UA"));
            return result;
        }
        executor.execute(() -> {
            if (currentDialog() == null || ended) {
                result.completeExceptionally(new IllegalStateException(method + " needs a dialog, call is " + state));
                return;
            }
            SipRequest r = currentDialog().newRequest(method, -1);
            for (SipHeader h : headers) {
                r.addHeader(h.name(), h.value());
            }
            if (body != null) {
                r.setBody(body.contentType(), body.content());
            }
            core.decorate(r);
            core.transactions.sendRequest(r, guarded(method.name(), (tx, response) -> {
                if (response.statusCode() >= 200) {
                    result.complete(response);
                    onInDialogFailure(response, tx);
                }
            }));
        });
        return result;
    }

    /**
     * §12.2.1.2: a 481 or 408 to a request inside the dialog, or no response at all (timeout,
     * transport error), means the dialog is gone; the session ends (with a BYE for 408 and timeouts,
     * which may still reach the peer). Local refusals (overload, no target) leave the call alone.
     */
    void onInDialogFailure(SipResponse response, ClientTransaction tx) {
        int status = response.statusCode();
        if (ended) {
            return;
        }
        Optional<TransactionFailure> failure = tx.failure();
        boolean noResponse = failure.isPresent()
                && (failure.get() == TransactionFailure.TIMEOUT || failure.get() == TransactionFailure.TRANSPORT_ERROR);
        if (status == 481 && failure.isEmpty()) {
            end(EndReason.DIALOG_GONE, response);
        } else if (status == 408 && failure.isEmpty() || noResponse) {
            sendBye(EndReason.DIALOG_GONE);
        }
    }

    /** A client transaction user whose failures end the call cleanly instead of escaping. */
    final ClientTransactionUser guarded(String what, ClientTransactionUser user) {
        return (tx, response) -> {
            try {
                user.onResponse(tx, response);
            } catch (RuntimeException e) {
                LOG.warn("call={} handling {} {} failed: {}", callId, response.statusCode(), what, e.toString(), e);
                if (!ended) {
                    sendBye(EndReason.FAILED);
                }
            }
        };
    }

    /**
     * Ends the call by the means its state allows: BYE on a dialog that may take one (§15), else
     * what the subclass does before the INVITE is answered ({@link #endUnanswered}).
     */
    void sendBye(EndReason reason) {
        if (ended) {
            return;
        }
        if (!mayBye() || currentDialog() == null) {
            endUnanswered(reason);
            return;
        }
        SipRequest bye = currentDialog().newRequest(SipMethod.BYE, -1);
        core.decorate(bye);
        core.transactions.sendRequest(bye, (tx, response) -> {
            if (response.statusCode() >= 200) {
                LOG.debug("call={} BYE answered {}", callId, response.statusCode());
            }
        });
        end(reason, null);
    }

    /** Whether a BYE may be sent now (§15: the caller after the 2xx, the callee after its 2xx). */
    abstract boolean mayBye();

    /** Ends a call whose INVITE is not answered yet (CANCEL, or 487 to it). */
    abstract void endUnanswered(EndReason reason);

    SessionKeeper session() {
        return session;
    }

    // ---- the end ------------------------------------------------------------------------------

    /** The call is over: stop timers, answer a pending re-INVITE, tell the listener once, let the core forget it later. */
    void end(EndReason reason, SipResponse finalResponse) {
        if (ended) {
            return;
        }
        ended = true;
        transition(CallState.TERMINATED, reason.name());
        okRetransmitter.stop();
        session.stop();
        if (pendingIncomingReinvite != null) {
            ServerTransaction tx = pendingIncomingReinvite;
            pendingIncomingReinvite = null;
            core.inviteDone(tx);
            tx.respond(response(tx.request(), 487, "Request Terminated")); // §15.1.2
        }
        core.metrics.ended.increment();
        LOG.debug("call={} ended: {}", callId, reason);
        notifyListener("onEnded", () -> listener.onEnded(this, reason, finalResponse));
        core.ended(this);
    }

    boolean isEnded() {
        return ended;
    }

    SipResponse response(SipRequest request, int status) {
        return response(request, status, null);
    }

    /** A response in this dialog: our tag in To. */
    SipResponse response(SipRequest request, int status, String reason) {
        SipResponse r = SipResponse.createFor(request, status, reason);
        if (status > 100 && request.to().tag() == null) {
            r.setHeader(HeaderNames.TO, request.to().withTag(localTag).toString());
        }
        core.decorate(r);
        return r;
    }

    static Body bodyOf(SipMessage m) {
        String type = m.header(HeaderNames.CONTENT_TYPE);
        return new Body(type == null ? "application/octet-stream" : type, m.body());
    }

    /** The session-timer use of this call, for {@link SessionKeeper}. */
    boolean timersOff() {
        return timerPolicy.use() == CallOptions.Use.OFF;
    }

    boolean hasInviteInProgress() {
        return !canStartReinvite();
    }

    @Override
    public String toString() {
        return direction() + " call " + callId + " " + state;
    }
}
