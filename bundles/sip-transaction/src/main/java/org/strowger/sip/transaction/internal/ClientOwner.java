package org.strowger.sip.transaction.internal;

import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.api.TransactionFailure;

/**
 * Who a client state machine reports to: the {@link ClientRequest} (failover, then the TU), or a
 * CANCEL's owner. Called on the call's executor, always after the machine has made its transition.
 */
interface ClientOwner {

    /** A response the machine passes up ("resp. to TU" in RFC 3261 Figures 5 and 6). */
    void onResponse(ClientTransactionFsm<?, ?> tx, SipResponse response);

    /** The machine ended without a final response: Timer B or F ({@code TIMEOUT}) or a transport error. */
    void onFailure(ClientTransactionFsm<?, ?> tx, TransactionFailure failure, String reason);

    /** The machine reached Terminated (after {@link #onFailure} if there was one). */
    void onTerminated(ClientTransactionFsm<?, ?> tx);
}
