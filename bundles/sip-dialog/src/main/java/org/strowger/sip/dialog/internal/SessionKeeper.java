package org.strowger.sip.dialog.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.platform.api.Cancellable;
import org.strowger.platform.api.TimerService;
import org.strowger.sip.dialog.api.CallState;
import org.strowger.sip.dialog.api.EndReason;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;

/**
 * The session timer of one call (RFC 4028 §10): when this side is the refresher it refreshes at half
 * the interval — UPDATE without a body when the peer allows UPDATE, else a re-INVITE with the
 * current session description — and when the peer is, it sends BYE if no refresh arrived by
 * interval − min(32 s, interval/3). A refresh answered 408 or 481 (or not at all) ends the dialog
 * (RFC 3261 §12.2.1.2); a 422 is retried with its Min-SE; any other failure (491 glare, 500 with
 * Retry-After, …) is retried after a back-off as long as the session has not expired, and the call
 * is ended with BYE when it has. Confined to the call's executor.
 */
final class SessionKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(SessionKeeper.class);

    private final AbstractCall call;
    private final TimerService timers;
    private final Executor executor;
    private final RandomGenerator random;
    private final SessionRefreshTimer timer;
    private Duration interval = Duration.ZERO;
    private boolean localRefresher;
    /** When the session expires without a further refresh (nanos of the call's clock). */
    private long expiresAtNanos;
    private Cancellable retry;

    SessionKeeper(AbstractCall call, TimerService timers, Executor executor, RandomGenerator random) {
        this.call = call;
        this.timers = timers;
        this.executor = executor;
        this.random = random;
        this.timer = new SessionRefreshTimer(timers, executor);
    }

    Duration interval() {
        return interval;
    }

    boolean isLocalRefresher() {
        return localRefresher;
    }

    boolean isActive() {
        return !interval.isZero();
    }

    /** (Re)starts the timer after a negotiation (RFC 4028 §7.2, §9) or a successful refresh. */
    void start(Duration newInterval, boolean weRefresh) {
        interval = newInterval;
        localRefresher = weRefresh;
        expiresAtNanos = call.core.clock.nanoTime() + newInterval.toNanos();
        cancelRetry();
        timer.start(newInterval, weRefresh, this::refreshDue, this::expired);
    }

    void stop() {
        timer.stop();
        cancelRetry();
        interval = Duration.ZERO;
    }

    /** The Session-Expires / Min-SE / Supported of a re-INVITE or UPDATE within a timed session (§7.4). */
    void addHeaders(SipRequest request, SessionTimerPolicy policy) {
        if (isActive()) {
            policy.applyToRefresh(request, interval, localRefresher);
        }
    }

    /** A 2xx to our re-INVITE or UPDATE: adopt the interval and refresher it names (§7.2). */
    void onRefreshAnswered(SipRequest request, SipResponse ok, SessionTimerPolicy policy) {
        if (call.timersOff()) {
            return;
        }
        SessionTimerDecision d = policy.onUacResponse(request, ok);
        if (d instanceof SessionTimerDecision.Active active) {
            start(active.interval(), active.localRefresher());
        } else if (isActive() && !request.hasHeader(HeaderNames.SESSION_EXPIRES)) {
            start(interval, localRefresher); // a request without timer headers still proves the session alive
        } else {
            stop();
        }
    }

    /** §10: we are the refresher and half the interval has passed (or a retry is due). */
    private void refreshDue() {
        retry = null;
        if (call.isEnded() || call.state() != CallState.CONFIRMED) {
            return;
        }
        CompletableFuture<SipResponse> outcome = new CompletableFuture<>();
        if (call.peerAllowsUpdate) {
            call.sendUpdate(null, outcome);
        } else if (!call.hasInviteInProgress()) {
            call.sendReinvite(call.localBody, outcome);
        } else {
            retryIn(Duration.ofSeconds(1)); // an INVITE is in progress; try again shortly
            return;
        }
        outcome.thenAccept(r -> executor.execute(() -> onRefreshOutcome(r)));
    }

    private void onRefreshOutcome(SipResponse r) {
        int status = r.statusCode();
        if (call.isEnded() || status / 100 == 2) {
            return; // 2xx restarted the timer in onRefreshAnswered; 408/481 ended the dialog
        }
        Long minSE = r.statusCode() == 422 ? safeMinSE(r) : null;
        if (minSE != null && minSE > interval.toSeconds()) {
            interval = Duration.ofSeconds(minSE);
            refreshDue();
            return;
        }
        Duration delay = retryAfter(r);
        long margin = Math.min(Duration.ofSeconds(32).toNanos(), interval.toNanos() / 3);
        if (call.core.clock.nanoTime() + delay.toNanos() < expiresAtNanos - margin) {
            LOG.debug("call={} session refresh answered {}; retrying in {} ms", call.callId, status, delay.toMillis());
            retryIn(delay);
        } else {
            LOG.info("call={} session refresh failed with {} and the session expires; ending the call (RFC 4028 §10)",
                    call.callId, status);
            call.core.metrics.sessionExpired.increment();
            call.sendBye(EndReason.SESSION_EXPIRED);
        }
    }

    /** Retry-After when given (RFC 3261 §20.33), else the §14.1 glare back-off. */
    private Duration retryAfter(SipResponse r) {
        String value = r.header(HeaderNames.RETRY_AFTER);
        if (value != null) {
            try {
                String seconds = value.split("[;(\\s]", 2)[0].trim();
                return Duration.ofSeconds(Math.max(1, Long.parseLong(seconds)));
            } catch (NumberFormatException e) {
                // a malformed Retry-After is ignored: fall back to the back-off
            }
        }
        return call.glareBackoff().plusMillis(random.nextInt(10));
    }

    private static Long safeMinSE(SipResponse r) {
        try {
            return r.minSE();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void retryIn(Duration delay) {
        cancelRetry();
        retry = timers.schedule(delay, executor, this::refreshDue);
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel();
            retry = null;
        }
    }

    /** §10: the peer should have refreshed and did not. */
    private void expired() {
        if (call.isEnded()) {
            return;
        }
        LOG.info("call={} session expired without refresh; sending BYE (RFC 4028 §10)", call.callId);
        call.core.metrics.sessionExpired.increment();
        call.sendBye(EndReason.SESSION_EXPIRED);
    }
}
