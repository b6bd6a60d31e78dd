package org.strowger.sip.dialog.api;

import org.osgi.annotation.versioning.ProviderType;
import org.strowger.sip.message.api.SipRequest;

/** A call this UA placed (UAC, RFC 3261 §13.2). */
@ProviderType
public interface OutgoingCall extends Call {

    /** The INVITE as sent (the last one, after a 422 retry or authentication). */
    SipRequest invite();
}
