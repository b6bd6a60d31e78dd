package org.strowger.sip.dialog.internal;

import org.strowger.platform.api.Counter;
import org.strowger.platform.api.Metrics;

/** The user agent's counters, named {@code sip.ua.*}. */
final class UaMetrics {

    final Counter incoming;
    final Counter outgoing;
    final Counter answered;
    final Counter ended;
    final Counter noAck;
    final Counter sessionExpired;
    final Counter glare;
    private final Metrics metrics;

    UaMetrics(Metrics metrics) {
        this.metrics = metrics;
        this.incoming = metrics.counter("sip.ua.calls_incoming");
        this.outgoing = metrics.counter("sip.ua.calls_outgoing");
        this.answered = metrics.counter("sip.ua.calls_answered");
        this.ended = metrics.counter("sip.ua.calls_ended");
        this.noAck = metrics.counter("sip.ua.no_ack");
        this.sessionExpired = metrics.counter("sip.ua.session_expired");
        this.glare = metrics.counter("sip.ua.glare_491");
    }

    /** A request refused by the UA core, counted by status: {@code sip.ua.refused.481} … */
    void refused(int status) {
        metrics.counter("sip.ua.refused." + status).increment();
    }
}
