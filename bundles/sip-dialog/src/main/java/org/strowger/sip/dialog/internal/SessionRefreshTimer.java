package org.strowger.sip.dialog.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.strowger.platform.api.Cancellable;
import org.strowger.platform.api.TimerService;

/**
 * The one timer of an RFC 4028 session (§10). The refresher sends a session refresh at half the
 * session interval ("RECOMMENDED ... the refresh is sent ... when half the session interval has
 * elapsed"); the other side, which only waits for refreshes, ends the session (BYE) when none came
 * before the session expires, which it takes as "the minimum of 32 seconds and one third of the
 * session interval" before the interval ends. {@link #start} again after each refresh (sent or
 * received) restarts the count.
 *
 * <p>Owned by the call's serial executor: start, stop and the timer's task run there, no locks. A
 * task that had already fired when it was cancelled is recognised by its generation and skipped.
 */
public final class SessionRefreshTimer {
    private static final Duration BYE_MARGIN = Duration.ofSeconds(32);

    private final TimerService timers;
    private final Executor executor;
    private Cancellable pending;
    private long generation;

    public SessionRefreshTimer(TimerService timers, Executor executor) {
        this.timers = Objects.requireNonNull(timers, "timers");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * (Re)starts the timer, cancelling any running one.
     *
     * @param interval       the session interval
     * @param localRefresher true: {@code refreshDue} runs after interval/2; false: {@code expired}
     *                       runs after interval − min(32 s, interval/3)
     */
    public void start(Duration interval, boolean localRefresher, Runnable refreshDue, Runnable expired) {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(refreshDue, "refreshDue");
        Objects.requireNonNull(expired, "expired");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("session interval must be positive: " + interval);
        }
        stop();
        long gen = generation;
        Duration delay = localRefresher ? refreshDelay(interval) : expiryDelay(interval);
        Runnable task = localRefresher ? refreshDue : expired;
        pending = timers.schedule(delay, executor, () -> {
            if (gen == generation) {
                pending = null;
                task.run();
            }
        });
    }

    /** Cancels the timer (session ended, or timers switched off by a refresh without Session-Expires). */
    public void stop() {
        generation++;
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    /** True while a timer is scheduled. */
    public boolean isRunning() {
        return pending != null;
    }

    /** §10: the refresher refreshes at half the interval. */
    static Duration refreshDelay(Duration interval) {
        return interval.dividedBy(2);
    }

    /** §10: the other side sends BYE min(32 s, interval/3) before the interval ends. */
    static Duration expiryDelay(Duration interval) {
        Duration third = interval.dividedBy(3);
        return interval.minus(third.compareTo(BYE_MARGIN) < 0 ? third : BYE_MARGIN);
    }
}
