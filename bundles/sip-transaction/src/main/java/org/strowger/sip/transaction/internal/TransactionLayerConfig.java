package org.strowger.sip.transaction.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the transaction layer, PID {@code org.strowger.sip.transaction}. */
@ObjectClassDefinition(
        id = TransactionLayerConfig.PID,
        name = "Strowger SIP transaction layer",
        description = "RFC 3261 §17 transaction timers (with RFC 6026) and limits.")
public @interface TransactionLayerConfig {

    String PID = "org.strowger.sip.transaction";

    @AttributeDefinition(name = "T1", description = "RTT estimate in ms (RFC 3261 §17.1.1.1). Timers A, E and G start "
            + "at T1; B, F, H, J, L and M are 64*T1.")
    int t1() default 500;

    @AttributeDefinition(name = "T2", description = "Largest retransmission interval in ms for non-INVITE requests and "
            + "INVITE responses (Timers E and G); at least T1.")
    int t2() default 4000;

    @AttributeDefinition(name = "T4", description = "Longest time in ms a message stays in the network (Timers I and K "
            + "over UDP).")
    int t4() default 5000;

    @AttributeDefinition(name = "100 Trying delay", description = "Milliseconds an INVITE server transaction waits for "
            + "the transaction user's first response before it sends 100 Trying itself (RFC 3261 §17.2.1); 0 sends it at once.")
    int trying100Delay() default 200;

    @AttributeDefinition(name = "Max transactions", description = "Live transactions (client and server) at most. Past "
            + "it new requests are answered 503 with Retry-After and new client transactions get a synthesized 503.")
    int maxTransactions() default 500000;

    @AttributeDefinition(name = "Retry-After", description = "Seconds in the Retry-After of the 503 answers the layer "
            + "sends itself (overload, no transaction user, call executor queue full).")
    int retryAfterSeconds() default 5;

    @AttributeDefinition(name = "Max transactions per source", description = "Live server transactions whose requests "
            + "came from one source IP at most (counted until Terminated). Past it new requests from that IP are answered "
            + "503 with Retry-After; a CANCEL matching a live transaction is always admitted.")
    int maxTransactionsPerSource() default LayerSettings.DEFAULT_MAX_TRANSACTIONS_PER_SOURCE;
}
