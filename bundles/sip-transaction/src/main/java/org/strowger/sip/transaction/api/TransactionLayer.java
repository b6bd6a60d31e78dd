package org.strowger.sip.transaction.api;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.osgi.annotation.versioning.ProviderType;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipUri;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.Transport;

/**
 * The transaction layer (RFC 3261 §17). It sits on the transport's
 * {@link org.strowger.sip.transport.spi.SipMessageHandler} and hands new requests to the
 * {@link org.strowger.sip.transaction.spi.ServerTransactionUser}.
 *
 * <p>All state of one call lives on the serial executor of its Call-ID ({@link #executorFor});
 * every callback runs there. Methods may be called from any thread.
 */
@ProviderType
public interface TransactionLayer {

    /**
     * Starts a client transaction for {@code request}, sent to its next hop as RFC 3261 §8.1.2
     * chooses it: the first Route URI if it has {@code lr}, else the Request-URI. The next hop is
     * resolved with RFC 3263; on timeout, transport error or a 503 the request is sent to the next
     * target in a new transaction with a new branch (RFC 3263 §4.3) and the user only sees the
     * outcome of the last attempt. The layer works on a copy of {@code request} and pushes its top Via
     * (with a fresh branch and {@code rport}; the transport writes the sent-by) onto the copy
     * ({@link ClientTransaction#request()}): {@code request} itself is not modified and may be sent
     * again. When no target can be resolved, the limit of live transactions is reached or the layer
     * has stopped, the user gets a synthesized 503 ({@link TransactionFailure#NO_TARGET},
     * {@link TransactionFailure#OVERLOAD}).
     *
     * @throws IllegalArgumentException for an ACK (see {@link #sendStateless}) or a CANCEL (see
     *         {@link ClientTransaction#cancel})
     */
    ClientTransaction sendRequest(SipRequest request, ClientTransactionUser user);

    /** As {@link #sendRequest(SipRequest, ClientTransactionUser)} with the next hop given (a proxy's choice, §16.6). */
    ClientTransaction sendRequest(SipRequest request, SipUri nextHop, ClientTransactionUser user);

    /** As {@link #sendRequest(SipRequest, ClientTransactionUser)} to one known address, without DNS or failover. */
    ClientTransaction sendRequest(SipRequest request, InetSocketAddress destination, Transport transport,
            ClientTransactionUser user);

    /**
     * Sends a request outside any transaction (RFC 3261 §17: the ACK for a 2xx, §13.2.2.4): pushes a
     * Via with a fresh branch onto a copy of {@code request} (which is not modified, so the same ACK can
     * be sent again for every retransmission of the 2xx), resolves the next hop as
     * {@link #sendRequest(SipRequest, ClientTransactionUser)} does and sends to the first target. The stage completes on a resolver or transport thread; it
     * fails with {@link org.strowger.sip.dns.api.SipResolutionException} when there is no target and with
     * {@link org.strowger.sip.transport.api.SipTransportException} when the send fails.
     */
    CompletionStage<Flow> sendStateless(SipRequest request);

    /**
     * The serial executor that owns the state of calls with this Call-ID. Tasks run on it may call the
     * layer's transactions and take effect at once. Its queue is bounded: {@code execute} throws
     * {@link java.util.concurrent.RejectedExecutionException} when it is full.
     */
    Executor executorFor(String callId);

    /** A snapshot of the live transactions, oldest first. */
    List<TransactionInfo> transactions();
}
