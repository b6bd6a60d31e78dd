package org.strowger.sip.dialog.api;

import org.osgi.annotation.versioning.ProviderType;
import org.strowger.sip.message.api.SipHeader;
import org.strowger.sip.message.api.SipRequest;

/** A request received inside a dialog, to be answered once. */
@ProviderType
public interface InDialogRequest {

    SipRequest request();

    /** The body of the request, if it had one (an offer for re-INVITE and UPDATE). */
    java.util.Optional<Body> body();

    /**
     * Answers 200. For re-INVITE/UPDATE {@code body} is the answer (or the offer, when the request
     * had none); {@code null} → the last local body for re-INVITE, none for others.
     */
    void accept(Body body, SipHeader... headers);

    /** Answers with a 3xx–6xx (for re-INVITE: the session stays as it was, §14.2). */
    void reject(int status, String reason, SipHeader... headers);
}
