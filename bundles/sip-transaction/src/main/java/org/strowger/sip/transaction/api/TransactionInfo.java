package org.strowger.sip.transaction.api;

import java.time.Duration;

/**
 * A snapshot of one live transaction, for {@code sip:transactions}.
 *
 * @param kind   which state machine
 * @param state  its state
 * @param branch the Via branch
 * @param method the request method
 * @param callId the Call-ID
 * @param peer   the remote address, e.g. {@code UDP 10.0.0.1:5060}
 * @param age    time since it was created
 * @param lastStatus the status of the last response sent or received, {@code 0} if none
 */
public record TransactionInfo(TransactionKind kind, TransactionState state, String branch, String method,
        String callId, String peer, Duration age, int lastStatus) {
}
