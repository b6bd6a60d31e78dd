package org.strowger.platform.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;
import org.strowger.platform.api.Cancellable;

class ManualTimerServiceTest {

    private final ManualTimerService timers = new ManualTimerService(new ManualClock());
    private final Executor direct = Runnable::run;
    private final List<String> fired = new ArrayList<>();

    @Test
    void firesDueTimersInDeadlineOrderAtTheirDeadline() {
        timers.schedule(Duration.ofMillis(1000), direct, () -> fired.add("B@" + timers.clock().nanoTime() / 1_000_000));
        timers.schedule(Duration.ofMillis(500), direct, () -> fired.add("A@" + timers.clock().nanoTime() / 1_000_000));
        timers.advance(Duration.ofMillis(999));
        assertEquals(List.of("A@500"), fired);
        timers.advance(Duration.ofMillis(1));
        assertEquals(List.of("A@500", "B@1000"), fired);
        assertEquals(1000, timers.clock().nanoTime() / 1_000_000);
    }

    @Test
    void timerScheduledByATimerFiresWithinTheSameAdvance() {
        // The shape of SIP retransmission timers: each firing schedules the next, doubled.
        timers.schedule(Duration.ofMillis(500), direct, new Runnable() {
            long interval = 500;

            @Override
            public void run() {
                fired.add(Long.toString(timers.clock().nanoTime() / 1_000_000));
                interval *= 2;
                timers.schedule(Duration.ofMillis(interval), direct, this);
            }
        });
        timers.advance(Duration.ofSeconds(32));
        assertEquals(List.of("500", "1500", "3500", "7500", "15500", "31500"), fired);
    }

    @Test
    void cancelledTimerDoesNotFire() {
        Cancellable c = timers.schedule(Duration.ofSeconds(1), direct, () -> fired.add("x"));
        assertTrue(c.cancel());
        assertFalse(c.cancel());
        timers.advance(Duration.ofSeconds(2));
        assertTrue(fired.isEmpty());
        assertEquals(0, timers.pending());
    }
}
