package org.strowger.sip.dialog.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.strowger.sip.message.api.NameAddr;
import org.strowger.sip.message.api.SipHeader;
import org.strowger.sip.message.api.SipRequest;

/** A call received (UAS, RFC 3261 §13.3). Answer, reject or redirect it exactly once. */
@ProviderType
public interface IncomingCall extends Call {

    /** The INVITE as received. */
    SipRequest invite();

    /**
     * Sends a provisional response (§13.3.1.1), 180 or 183 typically, with an optional body (early
     * media). It is sent reliably (RFC 3262) when the INVITE requires 100rel, or supports it and
     * the UA is configured to use it, or {@code reliable} is set and the INVITE supports it.
     */
    void progress(int status, Body body, boolean reliable);

    /** Answers 200 (§13.3.1.4) with the answer (or an offer, if the INVITE had none). */
    void answer(Body body, SipHeader... headers);

    /** Rejects with a 4xx–6xx (§13.3.1.3). */
    void reject(int status, String reason, SipHeader... headers);

    /** Redirects with a 3xx and Contacts (§13.3.1.2). */
    void redirect(int status, List<NameAddr> contacts);
}
