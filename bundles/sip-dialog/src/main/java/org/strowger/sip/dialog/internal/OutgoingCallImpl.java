package org.strowger.sip.dialog.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.dialog.api.CallListener;
import org.strowger.sip.dialog.api.CallOptions;
import org.strowger.sip.dialog.api.CallOptions.Use;
import org.strowger.sip.dialog.api.CallRequest;
import org.strowger.sip.dialog.api.CallState;
import org.strowger.sip.dialog.api.Direction;
import org.strowger.sip.dialog.api.EndReason;
import org.strowger.sip.dialog.api.OutgoingCall;
import org.strowger.sip.message.api.CSeq;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.NameAddr;
import org.strowger.sip.message.api.SipHeader;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.api.ClientTransaction;
import org.strowger.sip.transaction.api.ClientTransactionUser;

/**
 * A call this UA places (RFC 3261 §13.2): the INVITE with its extensions, early dialogs per To tag
 * (§12.1.2, forking), PRACK for reliable provisionals (RFC 3262 §4), the ACK for each 2xx
 * (§13.2.2.4; extra forks are ACKed and released with BYE), CANCEL (§9.1), and the 422 retry of
 * RFC 4028 §7.4. Responses are read leniently: a header we cannot parse never leaves the call
 * half-done ({@link ResponseHeaders}).
 */
final class OutgoingCallImpl extends AbstractCall implements OutgoingCall, ClientTransactionUser {

    private static final Logger LOG = LoggerFactory.getLogger(OutgoingCallImpl.class);
    private static final int MAX_422_RETRIES = 2;

    private final CallRequest request;
    private final Map<String, Dialog> earlyDialogs = new HashMap<>();
    private final Map<String, PrackTracker> pracks = new HashMap<>();
    /** Forks whose 2xx we ACKed and released with BYE: their retransmissions only get the ACK again. */
    private final Map<String, SipRequest> releasedForks = new HashMap<>();
    private volatile SipRequest invite;
    private ClientTransaction inviteTx;
    private boolean cancelRequested;
    private boolean answered;
    private boolean finalReceived;
    private int retries422;

    OutgoingCallImpl(UaCore core, String callId, String localTag, CallRequest request, CallListener listener) {
        super(core, callId, localTag, listener);
        this.request = request;
        CallOptions o = request.options();
        this.timerPolicy = core.settings.sessionTimers().use() == Use.OFF ? core.settings.sessionTimers()
                : core.settings.sessionTimers().forCall(o);
    }

    @Override
    public Direction direction() {
        return Direction.OUTGOING;
    }

    @Override
    public SipRequest invite() {
        return invite;
    }

    /** §13.2.1: builds the INVITE, adds the Contact (after RFC 3263 resolution), sends it. */
    void start() {
        SipRequest inv = core.newRequest(SipMethod.INVITE, request.target(), request.from(), request.to(), callId,
                localTag);
        CallOptions o = request.options();
        core.addCapabilities(inv);
        inv.removeHeader(HeaderNames.ACCEPT);
        inv.removeHeader(HeaderNames.SUPPORTED);
        core.addRecvInfo(inv);
        // an offerless INVITE could get its offer in a reliable 18x, which would need an answer in the
        // PRACK that only the application has: 100rel is offered only with an offer in the INVITE
        boolean use100rel = core.settings.reliable() != Use.OFF && o.reliableProvisionals() != Use.OFF
                && request.offer() != null;
        timerPolicy.applyToRequest(inv, null);
        if (use100rel) {
            String existing = inv.header(HeaderNames.SUPPORTED);
            inv.setHeader(HeaderNames.SUPPORTED, existing == null ? "100rel" : existing + ", 100rel");
            if (o.reliableProvisionals() == Use.REQUIRED) {
                inv.addHeader(HeaderNames.REQUIRE, "100rel");
            }
        }
        for (SipHeader h : o.extraHeaders()) {
            inv.addHeader(h.name(), h.value());
        }
        if (request.offer() != null) {
            inv.setBody(request.offer().contentType(), request.offer().content());
        }
        core.withContact(inv).whenComplete((r, e) -> executor().execute(() -> send(inv)));
    }

    private void send(SipRequest inv) {
        if (cancelRequested || isEnded()) {
            end(EndReason.CANCELLED, null);
            return;
        }
        invite = inv;
        if (request.offer() != null && localBody == null) {
            localBody = request.offer();
            offerAnswer.localBody();
        }
        core.decorate(inv);
        inviteTx = core.transactions.sendRequest(inv, this);
    }

    @Override
    public void onResponse(ClientTransaction tx, SipResponse response) {
        if (tx != inviteTx) {
            return; // the attempt before a 422 retry
        }
        int status = response.statusCode();
        try {
            if (status == 100) {
                return;
            }
            if (status < 200) {
                onProvisional(response);
            } else if (status < 300) {
                finalReceived = true;
                on2xx(response);
            } else {
                finalReceived = true;
                onFailure(tx, response);
            }
        } catch (RuntimeException e) {
            LOG.warn("call={} cannot handle {} to the INVITE: {}", callId, status, e.toString(), e);
            if (status / 100 == 2) {
                releaseFork(response); // ACK and BYE the dialog the 2xx created, as best we can
            }
            if (!isEnded()) {
                end(EndReason.FAILED, response);
            }
        }
    }

    /** §13.2.2.1 and RFC 3262 §4. */
    private void onProvisional(SipResponse response) {
        if (answered || isEnded()) {
            return;
        }
        String toTag = response.to().tag();
        Dialog early = null;
        if (toTag != null && !response.contacts().isEmpty()) {
            List<NameAddr> routes = ResponseHeaders.recordRoutes(response);
            if (routes != null) {
                early = earlyDialogs.computeIfAbsent(toTag,
                        t -> Dialog.asUac(invite, response, routes, contactOfInvite()));
                dialog = early;
            }
            peerAllowsUpdate |= ResponseHeaders.allows(response, SipMethod.UPDATE);
        }
        transition(CallState.EARLY, "provisional " + response.statusCode());
        Long rseq = ResponseHeaders.rseq(response);
        if (rseq != null && ResponseHeaders.requires(response, "100rel") && early != null) {
            PrackTracker.Verdict v = pracks.computeIfAbsent(toTag, t -> new PrackTracker()).onReliableProvisional(rseq);
            if (v != PrackTracker.Verdict.NEW) {
                LOG.debug("call={} reliable {} RSeq {} discarded: {}", callId, response.statusCode(), rseq, v);
                return;
            }
            if (response.body().length > 0) {
                remoteBody = bodyOf(response);
                offerAnswer.remoteAnswer(); // the answer to our INVITE's offer (or a repeat)
            }
            sendPrack(early, rseq);
        } else if (response.body().length > 0) {
            remoteBody = bodyOf(response); // early media preview; the answer comes again in the 2xx
        }
        notifyListener("onProgress", () -> listener.onProgress(this, response));
    }

    /** RFC 3262 §7.2: PRACK in the early dialog with RAck = RSeq, CSeq number and method of the INVITE. */
    private void sendPrack(Dialog early, long rseq) {
        SipRequest prack = early.newRequest(SipMethod.PRACK, -1);
        CSeq cseq = invite.cseq();
        prack.setHeader(HeaderNames.RACK, rseq + " " + cseq.sequence() + " " + cseq.method());
        core.decorate(prack);
        core.transactions.sendRequest(prack, (tx, r) -> {
            if (r.statusCode() >= 300) {
                LOG.info("call={} PRACK for RSeq {} answered {}", callId, rseq, r.statusCode());
            }
        });
    }

    private NameAddr contactOfInvite() {
        return invite.contacts().isEmpty() ? null : invite.contacts().get(0);
    }

    /** §13.2.2.4: the first 2xx confirms the call; each 2xx is ACKed; other forks are released. */
    private void on2xx(SipResponse ok) {
        String toTag = ok.to().tag();
        if (answered || isEnded()) {
            Dialog d = dialog;
            if (answered && d != null && toTag != null && toTag.equals(d.remoteTag())) {
                sendAck(invite, ok, false);
            } else {
                releaseFork(ok); // another fork, or a 2xx after the call ended: ACK and BYE (§13.2.2.4)
            }
            return;
        }
        List<NameAddr> routes = ResponseHeaders.recordRoutes(ok);
        if (routes == null) {
            LOG.info("call={} 2xx with a malformed Record-Route: ACK and BYE", callId);
            releaseFork(ok);
            end(EndReason.FAILED, ok);
            return;
        }
        answered = true;
        Dialog d = toTag == null ? null : earlyDialogs.get(toTag);
        if (d == null) {
            d = Dialog.asUac(invite, ok, routes, contactOfInvite());
        }
        d.confirm(ok, routes);
        dialog = d;
        transition(CallState.CONFIRMED, "2xx");
        peerAllowsUpdate |= ResponseHeaders.allows(ok, SipMethod.UPDATE);
        core.metrics.answered.increment();
        sendAck(invite, ok, true);
        if (!timersOff()) {
            SessionTimerDecision timer = timerPolicy.onUacResponse(invite, ok);
            if (timer instanceof SessionTimerDecision.Active active) {
                session().start(active.interval(), active.localRefresher());
            }
        }
        if (isEnded()) {
            return; // the ACK carried no answer to the 2xx's offer: BYE already sent
        }
        if (cancelRequested) {
            sendBye(EndReason.LOCAL_BYE); // CANCEL lost the race with the 2xx (§9.1)
            return;
        }
        notifyListener("onAnswered", () -> listener.onAnswered(this, ok));
    }

    /**
     * §13.2.2.4: a 2xx we will not keep (another fork, a call already over): ACK it and end that
     * dialog with BYE — once per fork; its retransmissions only get the ACK again.
     */
    private void releaseFork(SipResponse ok) {
        String tag = ok.to().tag();
        SipRequest ack = releasedForks.get(tag);
        if (ack != null) {
            core.transactions.sendStateless(ack);
            return;
        }
        List<NameAddr> routes = ResponseHeaders.recordRoutes(ok);
        Dialog other = Dialog.asUac(invite, ok, routes == null ? List.of() : routes, contactOfInvite());
        ack = other.newRequest(SipMethod.ACK, invite.cseq().sequence());
        core.decorate(ack);
        releasedForks.put(tag, ack);
        core.transactions.sendStateless(ack);
        SipRequest bye = other.newRequest(SipMethod.BYE, -1);
        core.decorate(bye);
        core.transactions.sendRequest(bye, (tx, r) -> { });
        LOG.debug("call={} 2xx from {} ACKed and released with BYE", callId, tag);
    }

    private void onFailure(ClientTransaction tx, SipResponse response) {
        if (answered || isEnded()) {
            return;
        }
        int status = response.statusCode();
        if (status == 422 && retries422 < MAX_422_RETRIES && !cancelRequested) {
            var raised = timerPolicy.retryAfter422(response);
            if (raised.isPresent()) {
                retries422++;
                retryWithLargerInterval(raised.get());
                return;
            }
        }
        EndReason reason = tx.failure().isPresent() ? EndReason.FAILED
                : status == 487 && cancelRequested ? EndReason.CANCELLED : EndReason.REJECTED;
        end(reason, response);
    }

    /** RFC 4028 §7.4: the same INVITE with Session-Expires (and Min-SE) raised to the 422's Min-SE. */
    private void retryWithLargerInterval(SessionTimerPolicy raised) {
        SipRequest retry = new SipRequest(SipMethod.INVITE, invite.requestUri());
        for (SipHeader h : invite.headers()) {
            if (!h.name().equals(HeaderNames.VIA)) {
                retry.addHeader(h.name(), h.value());
            }
        }
        retry.setHeader(HeaderNames.CSEQ, new CSeq(invite.cseq().sequence() + 1, SipMethod.INVITE).toString());
        if (invite.body().length > 0) {
            retry.setBody(invite.header(HeaderNames.CONTENT_TYPE), invite.body());
        }
        timerPolicy = raised;
        timerPolicy.applyToRequest(retry, null);
        LOG.debug("call={} 422: retrying with Session-Expires {} s (RFC 4028 §7.4)", callId,
                raised.sessionExpires().toSeconds());
        finalReceived = false;
        invite = retry;
        inviteTx = core.transactions.sendRequest(retry, this);
    }

    @Override
    Dialog dialogFor(String remoteTag) {
        if (!answered && remoteTag != null) {
            return earlyDialogs.get(remoteTag);
        }
        return super.dialogFor(remoteTag);
    }

    @Override
    void onStray2xx(SipResponse ok) {
        Dialog d = dialog;
        if (answered && d != null && ok.to().tag() != null && ok.to().tag().equals(d.remoteTag())) {
            super.onStray2xx(ok);
        } else if (invite != null) {
            releaseFork(ok);
        }
    }

    /** The caller may BYE once a 2xx confirmed the dialog (§15). */
    @Override
    boolean mayBye() {
        return answered;
    }

    /** §9.1: before the answer the caller cancels; the call ends when the INVITE's final response comes. */
    @Override
    void endUnanswered(EndReason reason) {
        cancelInvite();
        end(reason, null);
    }

    private void cancelInvite() {
        if (!cancelRequested && !finalReceived) {
            cancelRequested = true;
            if (inviteTx != null) {
                inviteTx.cancel(null); // sent once a provisional response has arrived
            }
        }
    }

    @Override
    void end(EndReason reason, SipResponse finalResponse) {
        if (!answered && !finalReceived) {
            cancelInvite(); // an early dialog ended (481, BYE): the INVITE must not ring on (§15)
        }
        super.end(reason, finalResponse);
    }

    @Override
    public void hangup() {
        executor().execute(() -> {
            if (isEnded()) {
                return;
            }
            if (answered) {
                sendBye(EndReason.LOCAL_BYE);
            } else {
                cancelInvite(); // the call ends with the INVITE's 487 (or BYE if the 2xx wins)
            }
        });
    }

    /** The early dialogs, for tests and the shell. */
    List<Dialog> earlyDialogs() {
        return new ArrayList<>(earlyDialogs.values());
    }

    /** Tags of forks released after their 2xx. */
    Set<String> releasedForkTags() {
        return new HashSet<>(releasedForks.keySet());
    }
}
