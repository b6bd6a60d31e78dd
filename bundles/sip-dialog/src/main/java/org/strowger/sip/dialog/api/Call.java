package org.strowger.sip.dialog.api;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;
import org.strowger.sip.message.api.SipHeader;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipResponse;

/**
 * One INVITE session (RFC 3261 §13–15), incoming or outgoing, and its dialog (§12). Methods may be
 * called from any thread; the work runs on the Call-ID's serial executor, where every
 * {@link CallListener} callback also runs. Requests that the state does not allow fail their stage
 * with {@link IllegalStateException}.
 */
@ProviderType
public interface Call {

    String callId();

    Direction direction();

    CallState state();

    /** The dialog once it exists (early or confirmed). */
    Optional<DialogInfo> dialog();

    /** The last remote body seen for offer/answer (INVITE, 18x/2xx, ACK, PRACK, UPDATE). */
    Optional<Body> remoteBody();

    /** Replaces the listener (incoming calls start with none: events are dropped until one is set). */
    void setListener(CallListener listener);

    /**
     * Ends the call the way its state requires: CANCEL an outgoing call that is not answered yet
     * (§9.1), 487 an incoming one that is not answered (the application should rather
     * {@link IncomingCall#reject}), BYE a confirmed one (§15.1.1). Idempotent.
     */
    void hangup();

    /** Sends a re-INVITE (§14.1) with a new offer (or none); completes with its final response. */
    CompletionStage<SipResponse> reinvite(Body offer);

    /** Sends an UPDATE (RFC 3311) with an offer or none; completes with its final response. */
    CompletionStage<SipResponse> update(Body offer);

    /** Sends INFO (RFC 6086) with the given Info-Package (or none) and body. */
    CompletionStage<SipResponse> info(String infoPackage, Body body);

    /**
     * Sends any other request inside the dialog (§12.2.1.1): Request-URI = remote target, Route =
     * route set, CSeq incremented. Not for INVITE, ACK, CANCEL, PRACK (the layer sends those).
     */
    CompletionStage<SipResponse> sendRequest(SipMethod method, Body body, SipHeader... headers);
}
