package org.strowger.sip.transaction.api;

/**
 * Why a client transaction ended without a real final response, or a server transaction abnormally.
 * The client transaction user gets a synthesized response (RFC 3261 §8.1.3.1: 408 on timeout, 503
 * otherwise); the server transaction user hears of it through {@code onServerFailure}.
 */
public enum TransactionFailure {
    /**
     * Timer B or F fired (§17.1.1.2, §17.1.2.2), or a cancelled INVITE got no final response within
     * 64·T1 of its CANCEL (§9.1): synthesized 408. Server side: the transaction user did not answer a
     * non-INVITE request with a final response within 64·T1 of its arrival (the layer's watchdog; the
     * client's Timer F has expired by then) and the transaction was ended.
     */
    TIMEOUT,
    /**
     * The transport could not send (§17.1.4, §17.2.4), and no further RFC 3263 target was left
     * (§8.1.3.1): synthesized 503. Server side: a response could not be sent.
     */
    TRANSPORT_ERROR,
    /** RFC 3263 resolution found no target (§4.3): synthesized 503. */
    NO_TARGET,
    /**
     * The layer refused to create the transaction (limit reached), or stopped while it was pending
     * (reason phrase {@code Service Unavailable (layer stopping)}): synthesized 503.
     */
    OVERLOAD,
    /** Server side: Timer H fired without the ACK for a non-2xx final response (§17.2.1). */
    NO_ACK
}
