package org.strowger.sip.dialog.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

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
 * RFC 4028 §7.4.
 */
final class OutgoingCallImpl extends AbstractCall implements OutgoingCall, ClientTransactionUser {

    private static final Logger LOG = LoggerFactory.getLogger(OutgoingCallImpl.class);
    private static final int MAX_422_RETRIES = 2;

    private final CallRequest request;
    private final Map<String, Dialog> earlyDialogs = new HashMap<>();
    private final Map<String, PrackTracker> pracks = new HashMap<>();
    private volatile SipRequest invite;
    private ClientTransaction inviteTx;
    private boolean cancelRequested;
    private boolean answered;
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
        java.util.List<String> supported = new java.util.ArrayList<>();
        // an offerless INVITE could get its offer in a reliable 18x, which would need an answer in the
        // PRACK that only the application has: 100rel is offered only with an offer in the INVITE
        boolean use100rel = core.settings.reliable() != Use.OFF && o.reliableProvisionals() != Use.OFF
                && request.offer() != null;
        if (use100rel) {
            supported.add("100rel");
        }
        timerPolicy.applyToRequest(inv, null);
        if (!supported.isEmpty()) {
            String existing = inv.header(HeaderNames.SUPPORTED);
            inv.setHeader(HeaderNames.SUPPORTED, existing == null ? String.join(", ", supported)
                    : existing + ", " + String.join(", ", supported));
        }
        if (use100rel && o.reliableProvisionals() == Use.REQUIRED) {
            inv.addHeader(HeaderNames.REQUIRE, "100rel");
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
        if (status == 100) {
            return;
        }
        if (status < 200) {
            onProvisional(response);
        } else if (status < 300) {
            on2xx(response);
        } else {
            onFailure(tx, response);
        }
    }

    /** §13.2.2.1 and RFC 3262 §4. */
    private void onProvisional(SipResponse response) {
        if (answered || isEnded()) {
            return;
        }
        String toTag = response.to().tag();
        Dialog early = null;
        if (toTag != null && response.contacts().size() > 0) {
            early = earlyDialogs.computeIfAbsent(toTag, t -> Dialog.asUac(invite, response, contactOfInvite()));
            dialog = early;
            peerAllowsUpdate |= response.allow().contains(SipMethod.UPDATE);
        }
        state = CallState.EARLY;
        Long rseq = response.rseq();
        if (rseq != null && response.require().contains("100rel") && early != null) {
            PrackTracker.Verdict v = pracks.computeIfAbsent(toTag, t -> new PrackTracker()).onReliableProvisional(rseq);
            if (v != PrackTracker.Verdict.NEW) {
                LOG.debug("call={} reliable {} RSeq {} discarded: {}", callId, response.statusCode(), rseq, v);
                return;
            }
            if (response.body().length > 0) {
                remoteBody = bodyOf(response);
                offerAnswer.remoteBody();
            }
            sendPrack(early, response, rseq);
        } else if (response.body().length > 0) {
            remoteBody = bodyOf(response); // early media preview; the answer is repeated in the 2xx
        }
        listener.onProgress(this, response);
    }

    /** RFC 3262 §7.2: PRACK in the early dialog with RAck = RSeq, CSeq number and method of the INVITE. */
    private void sendPrack(Dialog early, SipResponse provisional, long rseq) {
        SipRequest prack = early.newRequest(SipMethod.PRACK, -1);
        CSeq cseq = invite.cseq();
        prack.setHeader(HeaderNames.RACK, rseq + " " + cseq.sequence() + " " + cseq.method());
        core.decorate(prack);
        core.transactions.sendRequest(prack, new ClientTransactionUser() {
            @Override
            public void onResponse(ClientTransaction tx, SipResponse r) {
                if (r.statusCode() >= 300) {
                    LOG.info("call={} PRACK for RSeq {} answered {}", callId, rseq, r.statusCode());
                }
            }
        });
    }

    private org.strowger.sip.message.api.NameAddr contactOfInvite() {
        return invite.contacts().isEmpty() ? null : invite.contacts().get(0);
    }

    /** §13.2.2.4: the first 2xx confirms the call; each 2xx is ACKed; other forks are released. */
    private void on2xx(SipResponse ok) {
        String toTag = ok.to().tag();
        if (answered) {
            if (dialog != null && toTag != null && toTag.equals(dialog.remoteTag())) {
                sendAck(invite, ok, false);
            } else {
                releaseFork(ok);
            }
            return;
        }
        answered = true;
        Dialog d = toTag == null ? null : earlyDialogs.get(toTag);
        if (d == null) {
            d = Dialog.asUac(invite, ok, contactOfInvite());
        }
        d.confirm(ok);
        dialog = d;
        state = CallState.CONFIRMED;
        peerAllowsUpdate |= ok.allow().contains(SipMethod.UPDATE);
        core.metrics.answered.increment();
        sendAck(invite, ok, true);
        SessionTimerDecision timer = timerPolicy.use() == Use.OFF ? null : timerPolicy.onUacResponse(invite, ok);
        if (timer instanceof SessionTimerDecision.Active active) {
            startSessionTimer(active.interval(), active.localRefresher());
        }
        if (isEnded()) {
            return; // the ACK carried no answer to the 2xx's offer: BYE already sent
        }
        listener.onAnswered(this, ok);
        if (cancelRequested) {
            sendBye(EndReason.LOCAL_BYE); // CANCEL lost the race with the 2xx (§9.1)
        }
    }

    /** §13.2.2.4: a 2xx from another fork — ACK it and end that dialog with BYE. */
    private void releaseFork(SipResponse ok) {
        Dialog other = Dialog.asUac(invite, ok, contactOfInvite());
        other.confirm(ok);
        SipRequest ack = other.newRequest(SipMethod.ACK, invite.cseq().sequence());
        core.decorate(ack);
        core.transactions.sendStateless(ack);
        SipRequest bye = other.newRequest(SipMethod.BYE, -1);
        core.decorate(bye);
        core.transactions.sendRequest(bye, new ClientTransactionUser() {
            @Override
            public void onResponse(ClientTransaction tx, SipResponse r) {
            }
        });
        LOG.debug("call={} extra fork {} ACKed and released", callId, ok.to().tag());
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
        if (dialog != null && ok.to().tag() != null && ok.to().tag().equals(dialog.remoteTag())) {
            super.onStray2xx(ok);
        } else if (answered) {
            releaseFork(ok);
        }
    }

    @Override
    public void hangup() {
        executor().execute(() -> {
            if (isEnded()) {
                return;
            }
            if (answered) {
                sendBye(EndReason.LOCAL_BYE);
                return;
            }
            if (!cancelRequested) {
                cancelRequested = true;
                if (inviteTx != null) {
                    inviteTx.cancel(null); // §9.1: sent once a provisional response has arrived
                }
            }
        });
    }
}
