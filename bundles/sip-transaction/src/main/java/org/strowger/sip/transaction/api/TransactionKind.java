package org.strowger.sip.transaction.api;

/** The four transaction state machines of RFC 3261 §17 (Figures 5–8). */
public enum TransactionKind {
    /** §17.1.1, Figure 5, with RFC 6026 §7.2 (Accepted state, Timer M). */
    INVITE_CLIENT,
    /** §17.1.2, Figure 6. */
    NON_INVITE_CLIENT,
    /** §17.2.1, Figure 7, with RFC 6026 §7.1 (Accepted state, Timer L). */
    INVITE_SERVER,
    /** §17.2.2, Figure 8. */
    NON_INVITE_SERVER;

    public boolean isClient() {
        return this == INVITE_CLIENT || this == NON_INVITE_CLIENT;
    }

    public boolean isInvite() {
        return this == INVITE_CLIENT || this == INVITE_SERVER;
    }
}
