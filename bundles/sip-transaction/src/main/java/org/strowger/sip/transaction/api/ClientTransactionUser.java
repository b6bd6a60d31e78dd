package org.strowger.sip.transaction.api;

import org.osgi.annotation.versioning.ConsumerType;
import org.strowger.sip.message.api.SipResponse;

/**
 * The transaction user of one client transaction (RFC 3261 §17.1). Called on the serial executor
 * of the request's Call-ID, never concurrently.
 */
@ConsumerType
public interface ClientTransactionUser {

    /**
     * A response for the transaction: each provisional, the final one, and for an INVITE every
     * further 2xx (forked or retransmitted) while in the Accepted state (RFC 6026 §8.4). A
     * synthesized 408 or 503 (RFC 3261 §8.1.3.1) is delivered here too; then
     * {@link ClientTransaction#failure()} is set.
     */
    void onResponse(ClientTransaction transaction, SipResponse response);

    /** The transaction reached Terminated (after Timers D, K or M, a failure, or the layer stopping). */
    default void onTerminated(ClientTransaction transaction) {
    }
}
