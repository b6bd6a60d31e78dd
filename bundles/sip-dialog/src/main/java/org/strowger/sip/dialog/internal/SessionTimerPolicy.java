package org.strowger.sip.dialog.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.dialog.api.CallOptions;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.MalformedHeaderException;
import org.strowger.sip.message.api.SessionExpires;
import org.strowger.sip.message.api.SipHeader;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;

/**
 * How this user agent takes part in RFC 4028 session timers, and the negotiation of §7 (as UAC)
 * and §9 (as UAS). Immutable; the decisions it returns say which timer to run
 * ({@link SessionRefreshTimer}).
 *
 * @param use            {@code OFF}: timers are neither offered nor honoured; {@code SUPPORTED}:
 *                       Supported: timer, a Session-Expires offered and timers run when either side
 *                       asks; {@code REQUIRED}: as SUPPORTED plus Require: timer in requests, and a
 *                       timer as UAS even for a caller that does not know the extension (this side
 *                       then refreshes, §9 Table 2)
 * @param sessionExpires the session interval asked for as UAC and granted at most as UAS (default 1800 s)
 * @param minSE          the smallest session interval accepted (Min-SE, at least 90 s, §5)
 */
public record SessionTimerPolicy(CallOptions.Use use, Duration sessionExpires, Duration minSE) {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTimerPolicy.class);

    /** The option tag of RFC 4028 §12. */
    public static final String TIMER = "timer";
    /** RFC 4028 §4: the absolute minimum of Session-Expires (and of Min-SE, §5). */
    public static final Duration ABSOLUTE_MINIMUM = Duration.ofSeconds(90);

    /** SUPPORTED, 1800 s, 90 s (RFC 4028 §4 recommends 1800 s). */
    public static final SessionTimerPolicy DEFAULTS =
            new SessionTimerPolicy(CallOptions.Use.SUPPORTED, Duration.ofSeconds(1800), ABSOLUTE_MINIMUM);

    /** @throws IllegalArgumentException when minSE &lt; 90 s or sessionExpires &lt; minSE */
    public SessionTimerPolicy {
        Objects.requireNonNull(use, "use");
        Objects.requireNonNull(sessionExpires, "sessionExpires");
        Objects.requireNonNull(minSE, "minSE");
        if (minSE.compareTo(ABSOLUTE_MINIMUM) < 0) {
            throw new IllegalArgumentException("minSE must be at least 90 s (RFC 4028 §5) but is " + minSE.toSeconds() + " s");
        }
        if (sessionExpires.compareTo(minSE) < 0) {
            throw new IllegalArgumentException("sessionExpires (" + sessionExpires.toSeconds()
                    + " s) must not be below minSE (" + minSE.toSeconds() + " s)");
        }
    }

    /** The policy of an outgoing call: its options' use and interval with this policy's Min-SE. */
    public SessionTimerPolicy forCall(CallOptions options) {
        Duration expires = options.sessionExpires().compareTo(minSE) < 0 ? minSE : options.sessionExpires();
        return new SessionTimerPolicy(options.sessionTimer(), expires, minSE);
    }

    // ------------------------------------------------------------------------------------ UAS, §9

    /**
     * Negotiates the timer of an incoming INVITE or UPDATE (RFC 4028 §9). With {@code OFF}: none.
     * Otherwise, the UAC supports timers when "timer" is in its Supported or Require, and:
     * <ul>
     *   <li>a Session-Expires below our Min-SE from a UAC that supports timers (or below the
     *       absolute 90 s from any UAC) → {@link SessionTimerDecision.Rejected} (422 with Min-SE);
     *       from a UAC that does not support timers (a proxy inserted it) the UAS may not send a
     *       422 the UAC cannot act on, so it is accepted as it is with this side refreshing;</li>
     *   <li>a Session-Expires → active with that interval, reduced to our {@code sessionExpires}
     *       when that is smaller but never below the request's Min-SE ("MAY reduce ... MUST NOT
     *       increase");</li>
     *   <li>no Session-Expires from a UAC that supports timers, or with {@code REQUIRED} → active
     *       with our interval (raised to the request's Min-SE);</li>
     *   <li>no Session-Expires, a UAC without timer support and {@code SUPPORTED} → none.</li>
     * </ul>
     * The refresher follows §9 Table 2: the request's refresher parameter when present; else
     * {@code uas} when the UAC does not support timers; else {@code uas} when
     * {@code uasRefreshPreferred}, {@code uac} otherwise. The 2xx gets Session-Expires with the
     * refresher, and Require: timer when the refresher is the UAC (MUST) or the UAC supports timers
     * (SHOULD). Supported: timer in every response is the caller's (it lists all option tags).
     *
     * @throws MalformedHeaderException when Session-Expires, Min-SE, Supported or Require does not
     *                                  parse (the {@link UasRequestValidator} refuses those first)
     */
    public SessionTimerDecision negotiateAsUas(SipRequest request, boolean uasRefreshPreferred) {
        if (use == CallOptions.Use.OFF) {
            return SessionTimerDecision.none();
        }
        boolean uacSupports = lists(request.supported(), TIMER) || lists(request.require(), TIMER);
        SessionExpires requested = request.sessionExpires();
        Long requestMinSE = request.minSE();
        long floor = Math.max(ABSOLUTE_MINIMUM.toSeconds(), requestMinSE == null ? 0 : requestMinSE);
        long interval;
        if (requested != null) {
            long asked = requested.seconds();
            if (asked < ABSOLUTE_MINIMUM.toSeconds() || (asked < minSE.toSeconds() && uacSupports)) {
                LOG.debug("call={} Session-Expires {} below Min-SE {}: 422", request.callId(), asked, minSE.toSeconds());
                return SessionTimerDecision.rejected(minSE);
            }
            interval = Math.min(asked, Math.max(Math.min(asked, sessionExpires.toSeconds()), floor));
        } else if (uacSupports || use == CallOptions.Use.REQUIRED) {
            interval = Math.max(sessionExpires.toSeconds(), floor);
        } else {
            return SessionTimerDecision.none();
        }
        String refresher;
        if (requested != null && requested.refresher() != null) {
            refresher = requested.refresher();
        } else if (!uacSupports) {
            refresher = "uas";
        } else {
            refresher = uasRefreshPreferred ? "uas" : "uac";
        }
        List<SipHeader> headers = new ArrayList<>(2);
        headers.add(new SipHeader(HeaderNames.SESSION_EXPIRES, interval + ";refresher=" + refresher));
        if (uacSupports || refresher.equals("uac")) {
            headers.add(new SipHeader(HeaderNames.REQUIRE, TIMER));
        }
        return SessionTimerDecision.active(Duration.ofSeconds(interval), refresher.equals("uas"), headers);
    }

    // ------------------------------------------------------------------------------------ UAC, §7

    /**
     * Adds what RFC 4028 §7.1 asks of a UAC to an INVITE or UPDATE: Supported: timer (also
     * Require: timer with {@code REQUIRED}), Session-Expires without refresher parameter (so the
     * UAS chooses, as recommended) and Min-SE. Nothing with {@code OFF}.
     *
     * @param expiresOverride the interval to ask for instead of {@code sessionExpires}, or null; never
     *                        below Min-SE (raised to it, as §7.1 requires)
     */
    public void applyToRequest(SipRequest request, Duration expiresOverride) {
        if (use == CallOptions.Use.OFF) {
            return;
        }
        Duration expires = expiresOverride == null ? sessionExpires : expiresOverride;
        if (expires.compareTo(minSE) < 0) {
            expires = minSE;
        }
        addOptionTags(request);
        request.setHeader(HeaderNames.SESSION_EXPIRES, Long.toString(expires.toSeconds()));
        request.setHeader(HeaderNames.MIN_SE, Long.toString(minSE.toSeconds()));
    }

    /**
     * Adds the headers of a session refresh or any other re-INVITE/UPDATE within a session that has
     * a timer (RFC 4028 §7.4): Supported (and Require) as in {@link #applyToRequest}, Session-Expires
     * with the current interval and refresher, Min-SE. The refresher is {@code uac} when this side is
     * the refresher (it is the UAC of this request), {@code uas} otherwise. Nothing with {@code OFF}.
     */
    public void applyToRefresh(SipRequest request, Duration interval, boolean localRefresher) {
        if (use == CallOptions.Use.OFF) {
            return;
        }
        addOptionTags(request);
        request.setHeader(HeaderNames.SESSION_EXPIRES,
                interval.toSeconds() + ";refresher=" + (localRefresher ? "uac" : "uas"));
        request.setHeader(HeaderNames.MIN_SE, Long.toString(minSE.toSeconds()));
    }

    /**
     * Reads the 2xx to a request this side sent (RFC 4028 §7.2). With {@code OFF}, or for a non-2xx:
     * none. A Session-Expires in the 2xx gives the interval (at least the absolute 90 s) and the
     * refresher ({@code uac}: this side; {@code uas}: the far end; absent, which §9 forbids: this
     * side, since refreshing needlessly is harmless while waiting for refreshes that never come ends
     * the call). No Session-Expires although the request had one: the UAS does not support timers,
     * and this side may still use one alone, as if the 2xx had the request's value with
     * {@code refresher=uac}. No Session-Expires in either: none.
     */
    public SessionTimerDecision onUacResponse(SipRequest request, SipResponse response) {
        int code = response.statusCode();
        if (use == CallOptions.Use.OFF || code < 200 || code >= 300) {
            return SessionTimerDecision.none();
        }
        SessionExpires granted = sessionExpiresOrNull(response);
        if (granted != null) {
            long seconds = Math.max(granted.seconds(), ABSOLUTE_MINIMUM.toSeconds());
            return SessionTimerDecision.active(Duration.ofSeconds(seconds), !"uas".equals(granted.refresher()), List.of());
        }
        SessionExpires asked = sessionExpiresOrNull(request);
        if (asked != null) {
            long seconds = Math.max(asked.seconds(), ABSOLUTE_MINIMUM.toSeconds());
            return SessionTimerDecision.active(Duration.ofSeconds(seconds), true, List.of());
        }
        return SessionTimerDecision.none();
    }

    /**
     * After a 422 (RFC 4028 §7.3 and §6): the policy for the retried request, whose
     * Session-Expires and Min-SE are the 422's Min-SE ({@link #applyToRequest} writes both). Empty
     * when the response is not a 422, has no usable Min-SE, or asks for no more than was already
     * offered (retrying would loop).
     */
    public Optional<SessionTimerPolicy> retryAfter422(SipResponse response) {
        if (response.statusCode() != SessionTimerDecision.SESSION_INTERVAL_TOO_SMALL) {
            return Optional.empty();
        }
        Long wanted;
        try {
            wanted = response.minSE();
        } catch (MalformedHeaderException e) {
            LOG.debug("call={} 422 with malformed Min-SE: {}", response.callId(), e.getMessage());
            return Optional.empty();
        }
        if (wanted == null || wanted <= sessionExpires.toSeconds()) {
            return Optional.empty();
        }
        Duration raised = Duration.ofSeconds(wanted);
        return Optional.of(new SessionTimerPolicy(use, raised, raised));
    }

    private void addOptionTags(SipRequest request) {
        if (!lists(request.supported(), TIMER)) {
            request.addHeader(HeaderNames.SUPPORTED, TIMER);
        }
        if (use == CallOptions.Use.REQUIRED && !lists(request.require(), TIMER)) {
            request.addHeader(HeaderNames.REQUIRE, TIMER);
        }
    }

    private static SessionExpires sessionExpiresOrNull(SipMessage message) {
        try {
            return message.sessionExpires();
        } catch (MalformedHeaderException e) {
            LOG.debug("call={} ignoring malformed Session-Expires: {}", message.callId(), e.getMessage());
            return null;
        }
    }

    /** True when the option-tag list contains the tag (case-insensitive). */
    static boolean lists(List<String> tags, String tag) {
        for (String t : tags) {
            if (t.equalsIgnoreCase(tag)) {
                return true;
            }
        }
        return false;
    }
}
