package org.strowger.sip.dialog.internal;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.dialog.api.Body;
import org.strowger.sip.dialog.api.CallOptions.Use;
import org.strowger.sip.dialog.api.CallState;
import org.strowger.sip.dialog.api.Direction;
import org.strowger.sip.dialog.api.EndReason;
import org.strowger.sip.dialog.api.IncomingCall;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.NameAddr;
import org.strowger.sip.message.api.RAck;
import org.strowger.sip.message.api.SipHeader;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.api.ServerTransaction;
import org.strowger.sip.transaction.api.TransactionFailure;

/**
 * A call received (RFC 3261 §13.3): the INVITE server side of the session with provisional
 * responses (reliable ones per RFC 3262), the 2xx retransmitted until the ACK (§13.3.1.4), CANCEL
 * (§9.2), and the session timer negotiated on the INVITE (RFC 4028 §9).
 */
final class IncomingCallImpl extends AbstractCall implements IncomingCall {

    private static final Logger LOG = LoggerFactory.getLogger(IncomingCallImpl.class);

    private final ServerTransaction inviteTx;
    private final SipRequest invite;
    private SessionTimerDecision timerDecision;
    private ReliableProvisionals reliable;
    private boolean finalSent;
    private boolean answerWaitsForPrack;

    IncomingCallImpl(UaCore core, ServerTransaction inviteTx, String localTag, NameAddr localContact) {
        super(core, inviteTx.request().callId(), localTag, null);
        this.inviteTx = inviteTx;
        this.invite = inviteTx.request();
        this.dialog = Dialog.asUas(invite, localTag, localContact);
        this.peerAllowsUpdate = allowsUpdate(invite);
        if (invite.body().length > 0) {
            remoteBody = bodyOf(invite);
            offerAnswer.remoteOffer();
        }
    }

    private static boolean allowsUpdate(SipRequest r) {
        try {
            return r.allow().contains(SipMethod.UPDATE);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** RFC 4028 §9: negotiates the session timer; a too-small interval is answered 422 here. */
    boolean negotiate() {
        timerDecision = timerPolicy.negotiateAsUas(invite, false);
        if (timerDecision instanceof SessionTimerDecision.Rejected rejected) {
            reject422(inviteTx, rejected);
            return false;
        }
        return true;
    }

    @Override
    public Direction direction() {
        return Direction.INCOMING;
    }

    @Override
    public SipRequest invite() {
        return invite;
    }

    @Override
    public void progress(int status, Body body, boolean reliably) {
        if (status <= 100 || status > 199) {
            throw new IllegalArgumentException("progress needs a 101-199 status, got " + status);
        }
        executor().execute(() -> {
            if (finalSent) {
                LOG.debug("call={} {} after the final response ignored", callId, status);
                return;
            }
            SipResponse r = dialogCreating(status);
            if (body != null) {
                r.setBody(body.contentType(), body.content());
            }
            transition(CallState.EARLY, "provisional " + status);
            if (sendReliably(reliably)) {
                if (body != null) {
                    localBody = body;
                    offerAnswer.localBody();
                }
                reliable().send(r);
            } else {
                inviteTx.respond(r);
            }
        });
    }

    /**
     * A provisional or 2xx response that creates the dialog (§12.1.1): our tag, our Contact, every
     * Record-Route of the INVITE copied in order with its exact text (so proxies that record-route
     * stay on the path), Allow and Supported.
     */
    private SipResponse dialogCreating(int status) {
        SipResponse r = response(invite, status);
        for (SipHeader h : invite.headers()) {
            if (h.name().equalsIgnoreCase(HeaderNames.RECORD_ROUTE)) {
                r.addHeader(HeaderNames.RECORD_ROUTE, h.value());
            }
        }
        r.setHeader(HeaderNames.CONTACT, dialog.localContact().toString());
        core.addCapabilities(r);
        r.removeHeader(HeaderNames.ACCEPT);
        core.addRecvInfo(r);
        return r;
    }

    @Override
    boolean mayBye() {
        return finalSent && state() == CallState.CONFIRMED && !awaitingFirstAck();
    }

    private boolean awaitingFirstAck() {
        return okRetransmitter.isPending() && okRetransmitter.pendingCSeq() == invite.cseq().sequence();
    }

    /** §15: the callee never sends BYE before its 2xx: the INVITE gets 487 instead. */
    @Override
    void endUnanswered(EndReason reason) {
        if (!finalSent) {
            sendFinal(response(invite, 487, "Request Terminated"), reason);
        } else if (awaitingFirstAck()) {
            byeAfterAck = true; // §15: the BYE waits for the ACK (or its 64*T1 timeout)
        } else {
            end(reason, null);
        }
    }

    /**
     * RFC 3262 §3: reliably when the INVITE requires 100rel; when it only supports it, if the
     * application asks or the UA is configured to REQUIRE it. Never when we have it OFF.
     */
    private boolean sendReliably(boolean asked) {
        if (core.settings.reliable() == Use.OFF) {
            return false;
        }
        List<String> require = invite.require();
        if (require.contains("100rel")) {
            return true;
        }
        boolean supported = invite.supported().contains("100rel");
        return supported && (asked || core.settings.reliable() == Use.REQUIRED);
    }

    private ReliableProvisionals reliable() {
        if (reliable == null) {
            reliable = new ReliableProvisionals(core.timers, executor(), core.settings.t1(), core.random,
                    inviteTx::respond, this::onReliableGiveUp);
        }
        return reliable;
    }

    /** RFC 3262 §3: no PRACK within 64·T1 — reject the INVITE with a 5xx. */
    private void onReliableGiveUp() {
        if (!finalSent) {
            LOG.info("call={} reliable provisional never PRACKed; rejecting the INVITE (RFC 3262 §3)", callId);
            sendFinal(response(invite, 504, "Server Time-out: no PRACK"), EndReason.FAILED);
        }
    }

    @Override
    void onPrack(ServerTransaction tx) {
        SipRequest prack = tx.request();
        RAck rack = prack.rack();
        if (reliable == null || rack == null || !reliable.onPrack(rack, invite.cseq().sequence())) {
            core.respond(tx, 481, "Call/Transaction Does Not Exist: no matching reliable provisional (RFC 3262 §3)");
            return;
        }
        SipResponse ok = response(prack, 200);
        if (prack.body().length > 0) {
            Body body = bodyOf(prack);
            remoteBody = body;
            if (!offerAnswer.remoteAnswer()) {
                // RFC 3262 §5: a new offer in the PRACK; its 2xx MUST carry the answer
                offerAnswer.remoteOffer();
                Body answer = askListener("answerOffer", () -> listener.answerOffer(this, body));
                Body out = answer != null ? answer : localBody;
                if (out != null) {
                    ok.setBody(out.contentType(), out.content());
                    localBody = out;
                    offerAnswer.localBody();
                } else {
                    offerAnswer.remoteOfferRejected();
                    core.respond(tx, 488, "Not Acceptable Here: no answer to the offer in the PRACK");
                    return;
                }
            }
        }
        tx.respond(ok);
    }

    @Override
    public void answer(Body body, SipHeader... headers) {
        executor().execute(() -> {
            if (finalSent) {
                LOG.warn("call={} answer after the final response ignored", callId);
                return;
            }
            if (reliable != null && reliable.hasUnacknowledgedWithBody()) {
                // RFC 3262 §3: no 2xx while a reliable provisional with a session description is unacknowledged
                if (!answerWaitsForPrack) {
                    answerWaitsForPrack = true;
                    reliable.whenAllAcknowledged(() -> {
                        answerWaitsForPrack = false;
                        answer(body, headers);
                    });
                }
                return;
            }
            SipResponse ok = dialogCreating(200);
            for (SipHeader h : headers) {
                ok.addHeader(h.name(), h.value());
            }
            if (body != null) {
                // the answer to the INVITE's offer, the offer of an offerless INVITE, or (RFC 6337 §3.1)
                // the answer already sent in a reliable provisional, repeated unchanged
                ok.setBody(body.contentType(), body.content());
                if (offerAnswer.state() != OfferAnswer.State.STABLE || !offerAnswer.hasSession()) {
                    offerAnswer.localBody();
                }
                localBody = body;
            }
            dialog.confirm();
            transition(CallState.CONFIRMED, "200 sent");
            core.metrics.answered.increment();
            applyTimerDecision(ok, timerDecision);
            finalSent = true;
            if (reliable != null) {
                reliable.stop();
            }
            core.inviteDone(inviteTx);
            inviteTx.respond(ok);
            okRetransmitter.start(inviteTx, ok, this::onNoAckForInitial);
        });
    }

    private void onNoAckForInitial() {
        core.metrics.noAck.increment();
        LOG.info("call={} no ACK for the 200 within 64*T1; ending the call with BYE (RFC 3261 §13.3.1.4)", callId);
        byeAfterAck = false;
        sendBye(EndReason.NO_ACK);
    }

    @Override
    void onConfirmedByAck() {
        if (!confirmedByAck) {
            confirmedByAck = true;
            notifyListener("onConfirmed", () -> listener.onConfirmed(this));
        }
    }

    private boolean confirmedByAck;

    @Override
    public void reject(int status, String reason, SipHeader... headers) {
        if (status < 400 || status > 699) {
            throw new IllegalArgumentException("reject needs a 4xx-6xx status, got " + status);
        }
        executor().execute(() -> {
            if (finalSent) {
                return;
            }
            SipResponse r = response(invite, status, reason);
            for (SipHeader h : headers) {
                r.addHeader(h.name(), h.value());
            }
            if (status == 405 || status == 501) {
                core.addCapabilities(r);
            }
            sendFinal(r, EndReason.REJECTED);
        });
    }

    /** Rejects unless a final response went out already (used when the handler threw). */
    void rejectIfUnanswered(int status, String reason) {
        reject(status, reason);
    }

    @Override
    public void redirect(int status, List<NameAddr> contacts) {
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("redirect needs a 3xx status, got " + status);
        }
        if (contacts.isEmpty()) {
            throw new IllegalArgumentException("redirect needs at least one Contact (RFC 3261 §13.3.1.2)");
        }
        executor().execute(() -> {
            if (finalSent) {
                return;
            }
            SipResponse r = response(invite, status);
            for (NameAddr c : contacts) {
                r.addHeader(HeaderNames.CONTACT, c.toString());
            }
            sendFinal(r, EndReason.REJECTED);
        });
    }

    private void sendFinal(SipResponse r, EndReason reason) {
        finalSent = true;
        if (reliable != null) {
            reliable.stop();
        }
        core.inviteDone(inviteTx);
        inviteTx.respond(r);
        end(reason, r);
    }

    @Override
    void onCancel(ServerTransaction cancelled) {
        if (cancelled != inviteTx) {
            super.onCancel(cancelled);
            return;
        }
        if (!finalSent) {
            sendFinal(response(invite, 487, "Request Terminated"), EndReason.CANCELLED);
        }
    }

    @Override
    void onRemoteByeWhilePending() {
        if (!finalSent) {
            finalSent = true;
            if (reliable != null) {
                reliable.stop();
            }
            core.inviteDone(inviteTx);
            inviteTx.respond(response(invite, 487, "Request Terminated"));
        }
    }

    @Override
    void onServerFailure(ServerTransaction tx, TransactionFailure failure) {
        if (tx != inviteTx) {
            super.onServerFailure(tx, failure);
            return;
        }
        if (failure == TransactionFailure.TRANSPORT_ERROR && !isEnded()) {
            LOG.info("call={} the response to the INVITE could not be sent; the call is over", callId);
            end(EndReason.FAILED, null);
        }
    }

    @Override
    public void hangup() {
        executor().execute(() -> {
            if (isEnded()) {
                return;
            }
            if (!finalSent) {
                sendFinal(response(invite, 487, "Request Terminated"), EndReason.CANCELLED);
            } else {
                sendBye(EndReason.LOCAL_BYE); // waits for the ACK when it has not come yet (§15)
            }
        });
    }
}
