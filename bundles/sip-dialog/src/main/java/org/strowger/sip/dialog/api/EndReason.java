package org.strowger.sip.dialog.api;

/** Why a call ended. */
public enum EndReason {
    /** This side sent BYE (§15.1.1). */
    LOCAL_BYE,
    /** The peer sent BYE (§15.1.2). */
    REMOTE_BYE,
    /** The INVITE got a non-2xx final response, sent or received. */
    REJECTED,
    /** The INVITE was cancelled (§9), by either side. */
    CANCELLED,
    /** No ACK for our 2xx within 64·T1 (§13.3.1.4): the UAS sends BYE. */
    NO_ACK,
    /** The session timer expired or a refresh failed (RFC 4028 §10). */
    SESSION_EXPIRED,
    /** An in-dialog request got 481 or 408 (§12.2.1.2): the dialog is gone. */
    DIALOG_GONE,
    /** The request could not be delivered: timeout or transport error (§8.1.3.1). */
    FAILED
}
