package org.strowger.sip.dialog.internal;

import java.util.Objects;

/**
 * A dialog's identity (RFC 3261 §12): Call-ID, local tag and remote tag, seen from this UA. The
 * remote tag is {@code null} for an outgoing INVITE before any tagged response.
 */
record DialogId(String callId, String localTag, String remoteTag) {

    DialogId {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(localTag, "localTag");
    }

    /** The key of the INVITE session: Call-ID and local tag (forks share it, §12.1.2). */
    SessionKey sessionKey() {
        return new SessionKey(callId, localTag);
    }

    @Override
    public String toString() {
        return callId + ";l=" + localTag + ";r=" + remoteTag;
    }
}
