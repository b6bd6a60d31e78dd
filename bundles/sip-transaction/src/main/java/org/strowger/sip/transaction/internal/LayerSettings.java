package org.strowger.sip.transaction.internal;

import java.time.Duration;

/**
 * The validated configuration of the layer (public for the testkit; the package is not exported).
 *
 * @param timers            T1, T2, T4 and everything derived from them
 * @param trying100Delay    how long an INVITE server transaction waits for the TU before sending
 *                          100 Trying itself (RFC 3261 §17.2.1: 200 ms); zero sends it at once
 * @param maxTransactions   live transactions at most; past it new ones are refused with 503
 * @param retryAfterSeconds the Retry-After of the layer's own 503 answers
 * @param maxTransactionsPerSource live server transactions whose requests came from one source IP at
 *                          most; past it new requests from there are refused with 503
 */
public record LayerSettings(SipTimers timers, Duration trying100Delay, int maxTransactions, int retryAfterSeconds,
        int maxTransactionsPerSource) {

    /** The default of {@code maxTransactionsPerSource}. */
    public static final int DEFAULT_MAX_TRANSACTIONS_PER_SOURCE = 250_000;

    /**
     * T1 500 ms, T2 4 s, T4 5 s, 100 Trying after 200 ms, 500000 transactions, Retry-After 5 s, 250000
     * server transactions per source.
     */
    public static final LayerSettings DEFAULTS = new LayerSettings(SipTimers.DEFAULTS, Duration.ofMillis(200), 500_000, 5,
            DEFAULT_MAX_TRANSACTIONS_PER_SOURCE);

    /** Settings with the default {@code maxTransactionsPerSource} (250000). */
    public LayerSettings(SipTimers timers, Duration trying100Delay, int maxTransactions, int retryAfterSeconds) {
        this(timers, trying100Delay, maxTransactions, retryAfterSeconds, DEFAULT_MAX_TRANSACTIONS_PER_SOURCE);
    }

    public LayerSettings {
        if (trying100Delay.isNegative()) {
            throw new IllegalArgumentException("trying100Delay must be >= 0, was " + trying100Delay);
        }
        if (maxTransactions < 1) {
            throw new IllegalArgumentException("maxTransactions must be >= 1, was " + maxTransactions);
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must be >= 0, was " + retryAfterSeconds);
        }
        if (maxTransactionsPerSource < 1) {
            throw new IllegalArgumentException("maxTransactionsPerSource must be >= 1, was " + maxTransactionsPerSource);
        }
    }

    /**
     * Validates an OSGi configuration.
     *
     * @throws IllegalArgumentException naming the attribute, its allowed range and the file to edit
     */
    static LayerSettings from(TransactionLayerConfig c) {
        String where = " (PID " + TransactionLayerConfig.PID + ", etc/" + TransactionLayerConfig.PID + ".cfg)";
        require(c.t1() >= 1 && c.t1() <= 60_000, "t1 must be 1..60000 ms, was " + c.t1() + where);
        require(c.t2() >= c.t1() && c.t2() <= 600_000, "t2 must be t1.." + 600_000 + " ms, was " + c.t2() + where);
        require(c.t4() >= 1 && c.t4() <= 600_000, "t4 must be 1..600000 ms, was " + c.t4() + where);
        require(c.trying100Delay() >= 0 && c.trying100Delay() <= 60_000,
                "trying100Delay must be 0..60000 ms, was " + c.trying100Delay() + where);
        require(c.maxTransactions() >= 1, "maxTransactions must be >= 1, was " + c.maxTransactions() + where);
        require(c.retryAfterSeconds() >= 0 && c.retryAfterSeconds() <= 86_400,
                "retryAfterSeconds must be 0..86400, was " + c.retryAfterSeconds() + where);
        require(c.maxTransactionsPerSource() >= 1,
                "maxTransactionsPerSource must be >= 1, was " + c.maxTransactionsPerSource() + where);
        SipTimers timers = new SipTimers(Duration.ofMillis(c.t1()), Duration.ofMillis(c.t2()), Duration.ofMillis(c.t4()));
        return new LayerSettings(timers, Duration.ofMillis(c.trying100Delay()), c.maxTransactions(), c.retryAfterSeconds(),
                c.maxTransactionsPerSource());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
