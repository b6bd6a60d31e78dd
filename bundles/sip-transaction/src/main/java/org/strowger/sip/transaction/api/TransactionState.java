package org.strowger.sip.transaction.api;

/**
 * The states of the RFC 3261 §17 state machines, with the Accepted state of RFC 6026. Not every
 * kind uses every state: {@code CALLING} is INVITE client only, {@code TRYING} the non-INVITE
 * machines, {@code CONFIRMED} INVITE server only, {@code ACCEPTED} the INVITE machines.
 */
public enum TransactionState {
    CALLING,
    TRYING,
    PROCEEDING,
    COMPLETED,
    CONFIRMED,
    ACCEPTED,
    TERMINATED
}
