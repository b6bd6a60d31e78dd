package org.strowger.sip.transaction.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.transport.api.Flow;

/**
 * A request sent by this UA or proxy (RFC 3261 §17.1). When the request's next hop resolves to
 * several RFC 3263 targets the handle stays the same across failover: each target gets its own
 * §17.1 transaction with a new branch (RFC 3263 §4.3), and {@link #branch()} and {@link #flow()}
 * name the current one.
 *
 * <p>Methods may be called from any thread; the work is done on the Call-ID's serial executor (at
 * once when called on it, e.g. from a {@link ClientTransactionUser} callback).
 */
@ProviderType
public interface ClientTransaction {

    TransactionKind kind();

    /**
     * The request as last sent: the layer's copy of the request given to {@code sendRequest}, with the
     * layer's top Via and the current branch. It belongs to the layer: read it, do not modify it.
     */
    SipRequest request();

    /** The branch of the current target's transaction. */
    String branch();

    TransactionState state();

    /** Where the current attempt went; empty until the transport has sent it. */
    Optional<Flow> flow();

    /** Why the transaction failed, when the response the user got was synthesized. */
    Optional<TransactionFailure> failure();

    /**
     * Cancels a pending INVITE (RFC 3261 §9.1): builds the CANCEL from the INVITE as sent (same
     * Request-URI, Call-ID, From, To, CSeq number, the single top Via, the same Route set) and
     * sends it to the same target in its own non-INVITE client transaction. If no provisional
     * response has arrived yet the CANCEL waits for one ("MUST NOT be sent"); if a final response
     * has arrived nothing is sent. Responses to the CANCEL are not reported; the INVITE's 487 is.
     *
     * While a CANCEL waits for a provisional response the request is not tried at further RFC 3263
     * targets. If no final response arrives within 64·T1 of the CANCEL the INVITE is considered
     * cancelled and the user gets a synthesized 408 (§9.1).
     *
     * @param reason an optional Reason header value (RFC 3326), or {@code null}
     * @return whether a CANCEL was (or will be) sent; {@code false} for a non-INVITE or once a final
     *         response has arrived. Called off the call's executor the answer is the best knowledge at
     *         the time: a final response arriving meanwhile still prevents the CANCEL.
     * @throws IllegalArgumentException when {@code reason} contains CR, LF or NUL (checked at once, in
     *         the caller's thread, before anything is queued)
     */
    boolean cancel(String reason);
}
