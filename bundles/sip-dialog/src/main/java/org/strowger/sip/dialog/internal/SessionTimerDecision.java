package org.strowger.sip.dialog.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipHeader;
import org.strowger.sip.message.api.SipResponse;

/**
 * The outcome of an RFC 4028 negotiation ({@link SessionTimerPolicy}): the request is refused with
 * 422, no session timer runs, or one runs with an interval and a refresher.
 */
public sealed interface SessionTimerDecision {

    /** RFC 4028 §6: 422 Session Interval Too Small. */
    int SESSION_INTERVAL_TOO_SMALL = 422;

    /** Header fields to put in the response (422 or 2xx) that carries this decision. */
    List<SipHeader> responseHeaders();

    /**
     * Adds {@link #responseHeaders()} to the response: Session-Expires and Min-SE replace any
     * present, a Require option tag is added to those already required.
     */
    default void addHeadersTo(SipResponse response) {
        for (SipHeader h : responseHeaders()) {
            if (h.name().equals(HeaderNames.REQUIRE)) {
                if (!SessionTimerPolicy.lists(response.require(), h.value())) {
                    response.addHeader(h.name(), h.value());
                }
            } else {
                response.setHeader(h.name(), h.value());
            }
        }
    }

    static SessionTimerDecision rejected(Duration minSE) {
        return new Rejected(minSE);
    }

    static SessionTimerDecision none() {
        return None.INSTANCE;
    }

    static SessionTimerDecision active(Duration interval, boolean localRefresher, List<SipHeader> responseHeaders) {
        return new Active(interval, localRefresher, responseHeaders);
    }

    /**
     * Refuse the request with 422 carrying {@code Min-SE} (RFC 4028 §9, §6).
     *
     * @param minSE the smallest session interval this UAS accepts
     */
    record Rejected(Duration minSE) implements SessionTimerDecision {
        public Rejected {
            Objects.requireNonNull(minSE, "minSE");
        }

        @Override
        public List<SipHeader> responseHeaders() {
            return List.of(new SipHeader(HeaderNames.MIN_SE, Long.toString(minSE.toSeconds())));
        }
    }

    /** No session timer for this session (neither side asked for one, or the far end does not take part). */
    record None() implements SessionTimerDecision {
        static final None INSTANCE = new None();

        @Override
        public List<SipHeader> responseHeaders() {
            return List.of();
        }
    }

    /**
     * A session timer runs (RFC 4028 §10): start a {@link SessionRefreshTimer} with these values.
     *
     * @param interval           the session interval
     * @param localRefresher     true when this side sends the refreshes, false when it only
     *                           watches for them and ends the session when none comes
     * @param responseHeaders for a UAS, Session-Expires with the refresher and, when the UAC
     *                           supports timers, Require: timer, to add to the 2xx; empty for a UAC
     */
    record Active(Duration interval, boolean localRefresher, List<SipHeader> responseHeaders)
            implements SessionTimerDecision {
        public Active {
            Objects.requireNonNull(interval, "interval");
            responseHeaders = List.copyOf(responseHeaders);
        }
    }
}
