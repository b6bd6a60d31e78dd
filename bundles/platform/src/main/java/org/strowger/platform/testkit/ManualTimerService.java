package org.strowger.platform.testkit;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;

import org.strowger.platform.api.Cancellable;
import org.strowger.platform.api.TimerService;

/**
 * A timer service on a {@link ManualClock}: {@link #advance(Duration)} moves the clock in steps to
 * each due timer and submits it to its executor, in deadline order (ties in scheduling order), so
 * a timer scheduled by a firing timer also fires if it is due within the same advance.
 */
public final class ManualTimerService implements TimerService {

    private final ManualClock clock;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long sequence;

    public ManualTimerService(ManualClock clock) {
        this.clock = clock;
    }

    public ManualClock clock() {
        return clock;
    }

    @Override
    public Cancellable schedule(Duration delay, Executor executor, Runnable task) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        Entry e = new Entry(clock.nanoTime() + delay.toNanos(), sequence++, executor, task);
        queue.add(e);
        return () -> {
            boolean pending = !e.cancelled && !e.fired;
            e.cancelled = true;
            return pending && queue.remove(e);
        };
    }

    /** Advances the clock by {@code d}, firing every timer that falls due on the way. */
    public void advance(Duration d) {
        long target = clock.nanoTime() + d.toNanos();
        Entry next;
        while ((next = queue.peek()) != null && next.deadline <= target) {
            queue.poll();
            clock.advance(Duration.ofNanos(next.deadline - clock.nanoTime()));
            next.fired = true;
            next.executor.execute(next.task);
        }
        clock.advance(Duration.ofNanos(target - clock.nanoTime()));
    }

    /** Timers scheduled and neither fired nor cancelled. */
    public int pending() {
        return queue.size();
    }

    private static final class Entry implements Comparable<Entry> {
        final long deadline;
        final long seq;
        final Executor executor;
        final Runnable task;
        boolean cancelled;
        boolean fired;

        Entry(long deadline, long seq, Executor executor, Runnable task) {
            this.deadline = deadline;
            this.seq = seq;
            this.executor = executor;
            this.task = task;
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
