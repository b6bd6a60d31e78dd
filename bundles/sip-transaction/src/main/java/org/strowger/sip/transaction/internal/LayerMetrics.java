package org.strowger.sip.transaction.internal;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.strowger.platform.api.Counter;
import org.strowger.platform.api.Metrics;
import org.strowger.sip.transaction.api.TransactionKind;

/** The layer's counters, all named {@code sip.transaction.*} (see the README). */
final class LayerMetrics {

    static final String PREFIX = "sip.transaction.";

    private final Map<TransactionKind, Counter> created = new EnumMap<>(TransactionKind.class);
    private final Map<TransactionKind, Counter> terminated = new EnumMap<>(TransactionKind.class);
    /** Timers B and F, and a cancelled INVITE without final response (RFC 3261 §9.1). */
    final Counter timeouts;
    /** Timer H: no ACK for a non-2xx final response. */
    final Counter ackTimeouts;
    final Counter transportErrors;
    final Counter retransmissionsSent;
    final Counter retransmissionsAbsorbed;
    final Counter strayResponses;
    final Counter failovers;
    final Counter cancel481;
    final Counter overload503;
    /** Requests refused past {@code maxTransactionsPerSource}. */
    final Counter sourceLimit503;
    /** Non-INVITE server transactions the TU left unanswered for 64·T1 (the watchdog). */
    final Counter unanswered;
    final Counter noUser503;
    final Counter queueFull503;
    final Counter queueFullResponsesDropped;

    LayerMetrics(Metrics metrics) {
        for (TransactionKind kind : TransactionKind.values()) {
            String name = PREFIX + kind.name().toLowerCase(Locale.ROOT);
            created.put(kind, metrics.counter(name + ".created"));
            terminated.put(kind, metrics.counter(name + ".terminated"));
        }
        timeouts = metrics.counter(PREFIX + "timeouts");
        ackTimeouts = metrics.counter(PREFIX + "ack_timeouts");
        transportErrors = metrics.counter(PREFIX + "transport_errors");
        retransmissionsSent = metrics.counter(PREFIX + "retransmissions_sent");
        retransmissionsAbsorbed = metrics.counter(PREFIX + "retransmissions_absorbed");
        strayResponses = metrics.counter(PREFIX + "stray_responses");
        failovers = metrics.counter(PREFIX + "failovers");
        cancel481 = metrics.counter(PREFIX + "cancel_481");
        overload503 = metrics.counter(PREFIX + "overload_503");
        sourceLimit503 = metrics.counter(PREFIX + "source_limit_503");
        unanswered = metrics.counter(PREFIX + "unanswered");
        noUser503 = metrics.counter(PREFIX + "no_user_503");
        queueFull503 = metrics.counter(PREFIX + "queue_full_503");
        queueFullResponsesDropped = metrics.counter(PREFIX + "queue_full_responses_dropped");
    }

    Counter created(TransactionKind kind) {
        return created.get(kind);
    }

    Counter terminated(TransactionKind kind) {
        return terminated.get(kind);
    }
}
