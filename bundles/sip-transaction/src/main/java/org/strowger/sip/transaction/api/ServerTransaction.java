package org.strowger.sip.transaction.api;

import org.osgi.annotation.versioning.ProviderType;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transport.api.Flow;

/**
 * A received request and the means to answer it (RFC 3261 §17.2). Methods may be called from any
 * thread; the work is done on the Call-ID's serial executor (at once when called on it, e.g. from a
 * {@link org.strowger.sip.transaction.spi.ServerTransactionUser} callback, so {@link #lastResponse()}
 * and {@link #state()} reflect it on return; queued otherwise).
 */
@ProviderType
public interface ServerTransaction {

    TransactionKind kind();

    /** The request as received (first copy; retransmissions are absorbed, §17.2). */
    SipRequest request();

    /** The flow the request arrived on; responses go back along it (§18.2.2). */
    Flow flow();

    TransactionState state();

    /**
     * Sends a response (§17.2.1, §17.2.2). Provisional responses may be sent several times, the
     * last one is retransmitted on request retransmissions. After a 2xx to an INVITE the
     * transaction is Accepted (RFC 6026 §7.1): it absorbs INVITE retransmissions and passes every
     * further 2xx the TU sends (the §13.3.1.4 retransmissions) to the transport; retransmitting the
     * 2xx until the ACK is the TU's job. Responses in a state that allows none are ignored and logged.
     * A response that cannot be sent ends the transaction (§17.2.4, except in Accepted, which keeps
     * absorbing INVITE retransmissions) and is reported through
     * {@link org.strowger.sip.transaction.spi.ServerTransactionUser#onServerFailure}.
     */
    void respond(SipResponse response);

    /** The response the transaction last sent, or {@code null}. */
    SipResponse lastResponse();
}
