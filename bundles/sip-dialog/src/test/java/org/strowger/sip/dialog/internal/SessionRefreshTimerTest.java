package org.strowger.sip.dialog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.strowger.platform.testkit.ManualClock;
import org.strowger.platform.testkit.ManualTimerService;

/** RFC 4028 §10 timing on virtual time. */
class SessionRefreshTimerTest {
    private final ManualClock clock = new ManualClock();
    private final ManualTimerService timers = new ManualTimerService(clock);
    private final List<String> events = new ArrayList<>();
    private final List<Long> atMillis = new ArrayList<>();
    private final SessionRefreshTimer timer = new SessionRefreshTimer(timers, Runnable::run);

    private void start(long seconds, boolean localRefresher) {
        timer.start(Duration.ofSeconds(seconds), localRefresher, () -> record("refresh"), () -> record("expired"));
    }

    private void record(String event) {
        events.add(event);
        atMillis.add(clock.nanoTime() / 1_000_000);
    }

    @Test
    void rfc4028_10_theRefresherRefreshesAtHalfTheInterval() {
        start(1800, true);
        timers.advance(Duration.ofMillis(899_999));
        assertEquals(List.of(), events);
        timers.advance(Duration.ofMillis(1));
        assertEquals(List.of("refresh"), events);
        assertEquals(List.of(900_000L), atMillis);
        assertFalse(timer.isRunning());
        timers.advance(Duration.ofHours(2));
        assertEquals(List.of("refresh"), events, "one refreshDue per start");
    }

    @Test
    void rfc4028_10_theOtherSideExpiresThirtyTwoSecondsBeforeTheEndOfALongInterval() {
        start(1800, false);
        timers.advance(Duration.ofHours(1));
        assertEquals(List.of("expired"), events);
        assertEquals(List.of(1_768_000L), atMillis);
    }

    @Test
    void rfc4028_10_theOtherSideExpiresAThirdBeforeTheEndOfAShortInterval() {
        start(90, false);
        timers.advance(Duration.ofMinutes(5));
        assertEquals(List.of(60_000L), atMillis, "min(32 s, 30 s) = 30 s before 90 s");
        atMillis.clear();
        long t0 = clock.nanoTime() / 1_000_000;
        start(96, false);
        timers.advance(Duration.ofMinutes(5));
        assertEquals(List.of(t0 + 64_000L), atMillis, "96/3 = 32 s: both bounds agree");
    }

    @Test
    void rfc4028_10_startingAgainAfterARefreshRestartsTheCount() {
        start(1800, false);
        timers.advance(Duration.ofSeconds(1000));
        start(1800, false); // a refresh arrived
        timers.advance(Duration.ofSeconds(1767));
        assertEquals(List.of(), events);
        timers.advance(Duration.ofSeconds(1));
        assertEquals(List.of("expired"), events);
        assertEquals(List.of(2_768_000L), atMillis);
        assertEquals(0, timers.pending());
    }

    @Test
    void rfc4028_10_aRefreshCanSwitchWhoRefreshes() {
        start(1800, false);
        timers.advance(Duration.ofSeconds(100));
        start(600, true);
        timers.advance(Duration.ofHours(1));
        assertEquals(List.of("refresh"), events);
        assertEquals(List.of(400_000L), atMillis);
    }

    @Test
    void stopCancels() {
        start(1800, true);
        assertTrue(timer.isRunning());
        timer.stop();
        assertFalse(timer.isRunning());
        assertEquals(0, timers.pending());
        timers.advance(Duration.ofHours(1));
        assertEquals(List.of(), events);
    }

    @Test
    void aTaskAlreadyQueuedOnTheExecutorWhenStoppedIsSkipped() {
        List<Runnable> executorQueue = new ArrayList<>();
        SessionRefreshTimer queued = new SessionRefreshTimer(timers, executorQueue::add);
        queued.start(Duration.ofSeconds(90), true, () -> record("refresh"), () -> record("expired"));
        timers.advance(Duration.ofSeconds(45));
        assertEquals(1, executorQueue.size());
        queued.stop();
        executorQueue.forEach(Runnable::run);
        assertEquals(List.of(), events);
    }

    @Test
    void aNonPositiveIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> timer.start(Duration.ZERO, true, () -> { }, () -> { }));
    }
}
