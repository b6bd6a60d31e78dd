package org.strowger.sip.transaction.spi;

import org.osgi.annotation.versioning.ConsumerType;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.api.ServerTransaction;
import org.strowger.sip.transaction.api.TransactionFailure;
import org.strowger.sip.transport.api.Flow;

/**
 * The core above the transaction layer (a UA core, RFC 3261 §8.2, or a proxy core, §16). Exactly
 * one is used: the service with the highest {@code service.ranking}; while none is registered the
 * layer answers new requests {@code 503 Service Unavailable} with Retry-After. Every method is
 * called on the serial executor of the message's Call-ID and must not block.
 */
@ConsumerType
public interface ServerTransactionUser {

    /** A new request (not ACK, not CANCEL) in its new server transaction. */
    void onRequest(ServerTransaction transaction);

    /**
     * A CANCEL that matched a pending server transaction (RFC 3261 §9.2). The TU answers the CANCEL
     * (normally 200) through {@code cancel} and the INVITE (normally 487) through {@code cancelled}.
     * A CANCEL that matches nothing is answered 481 by the layer and never reaches the TU.
     */
    void onCancel(ServerTransaction cancel, ServerTransaction cancelled);

    /**
     * An ACK no server transaction absorbed: the ACK for a 2xx (RFC 3261 §17.2.1, RFC 6026 §7.1
     * passes it up even while the INVITE transaction is Accepted).
     */
    void onAck(SipRequest ack, Flow flow);

    /**
     * A response that matched no client transaction (§17.1.3 with the Call-ID, §18.1.2): a 2xx
     * retransmission after Timer M, a 2xx from another fork reaching an INVITE client transaction that
     * already has a non-2xx final response (Completed; the UA core ACKs it and may BYE it, §13.2.2.4),
     * or a stray. A UA core re-ACKs a 2xx it recognises; a proxy forwards it (§16.7).
     */
    void onStrayResponse(SipResponse response, Flow flow);

    /**
     * A server transaction ended abnormally: Timer H fired without the ACK for a non-2xx final
     * response ({@link TransactionFailure#NO_ACK}, §17.2.1), a response could not be sent
     * ({@link TransactionFailure#TRANSPORT_ERROR}, §17.2.4), or a non-INVITE request was left without a
     * final response for 64·T1 ({@link TransactionFailure#TIMEOUT}; later responses are ignored).
     */
    default void onServerFailure(ServerTransaction transaction, TransactionFailure failure) {
    }
}
