package org.strowger.sip.dialog.api;

/** Where an INVITE session is (RFC 3261 §13–15). */
public enum CallState {
    /** INVITE sent or received, no provisional response yet (outgoing) or none sent (incoming). */
    INITIAL,
    /** A provisional response sent or received; for 101–199 with a tag an early dialog exists (§12.1). */
    EARLY,
    /** 2xx sent or received: the dialog is confirmed (§13.3.1.4, §13.2.2.4). */
    CONFIRMED,
    /** BYE sent or received, or the INVITE failed; the call is over. */
    TERMINATED
}
