package org.strowger.sip.dialog.api;

import org.osgi.annotation.versioning.ConsumerType;
import org.strowger.sip.message.api.SipResponse;

/**
 * Follows one call. Every method runs on the call's serial executor and must not block. Defaults do
 * nothing, except {@link #onRequest}, which accepts the request the standard way.
 */
@ConsumerType
public interface CallListener {

    /** A provisional response to our INVITE (after PRACK handling, RFC 3262). */
    default void onProgress(Call call, SipResponse response) {
    }

    /** Our INVITE got a 2xx; the ACK has been sent (§13.2.2.4). */
    default void onAnswered(Call call, SipResponse response) {
    }

    /**
     * The 2xx to our INVITE or re-INVITE carries an offer, because the request had none (RFC 3261
     * §13.2.1): return the answer, which goes in the ACK. The default returns {@code null}: the
     * offer cannot be answered, so the UA sends the ACK without a body and ends the call with BYE.
     */
    default Body answerOffer(Call call, Body offer) {
        return null;
    }

    /** The peer ACKed our 2xx (incoming calls, §13.3.1.4). */
    default void onConfirmed(Call call) {
    }

    /**
     * A request inside the dialog needs an answer: re-INVITE (§14.2), UPDATE (RFC 3311), INFO (RFC
     * 6086), or any other. The default accepts it: INFO, OPTIONS and others 200; re-INVITE and
     * UPDATE with an offer are answered with the last local body (a session refresh), without an
     * offer likewise.
     */
    default void onRequest(Call call, InDialogRequest request) {
        request.accept(null);
    }

    /** The call is over. {@code finalResponse} is the response that ended it, or {@code null}. */
    default void onEnded(Call call, EndReason reason, SipResponse finalResponse) {
    }
}
