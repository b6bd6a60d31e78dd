package org.strowger.sip.dialog.internal;

/** Call-ID and local tag: one INVITE session, whatever fork its dialog ends up with. */
record SessionKey(String callId, String localTag) {
}
