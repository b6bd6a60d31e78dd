package org.strowger.sip.testcall.internal;

import org.strowger.platform.api.Counter;
import org.strowger.platform.api.Metrics;

/**
 * The application's counters, named {@code sip.testcall.*}.
 *
 * @param calls                 INVITEs handed to the application
 * @param answered              200 OK sent
 * @param notFound              404 sent: another Request-URI user
 * @param notAcceptable         488 sent: no acceptable stream or a garbled offer (also for re-INVITE/UPDATE)
 * @param unsupportedMediaType  415 sent: a body that is not SDP
 * @param hangups               BYE sent because {@code hangupAfter} elapsed
 * @param badAnswers            BYE sent because the ACK's answer to our offer was missing or unusable
 */
record TestCallCounters(Counter calls, Counter answered, Counter notFound, Counter notAcceptable,
        Counter unsupportedMediaType, Counter hangups, Counter badAnswers) {

    static TestCallCounters from(Metrics metrics) {
        return new TestCallCounters(
                metrics.counter("sip.testcall.calls"),
                metrics.counter("sip.testcall.answered"),
                metrics.counter("sip.testcall.not_found"),
                metrics.counter("sip.testcall.not_acceptable"),
                metrics.counter("sip.testcall.unsupported_media_type"),
                metrics.counter("sip.testcall.hangups"),
                metrics.counter("sip.testcall.bad_answers"));
    }
}
