package org.strowger.sip.transaction.testkit;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A serial executor for single-threaded tests: a task submitted while none runs runs at once on the
 * calling thread, one submitted by a running task is queued and runs after it. Deterministic, and
 * serial like the platform's call executors (DESIGN.md §4). {@link #rejectAll} makes it behave like a
 * full queue. Not thread-safe: use it from the test thread only.
 */
public final class TrampolineExecutor implements Executor {

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean draining;
    private boolean rejecting;
    private int rejected;

    /** An executor that accepts every task. */
    public TrampolineExecutor() {
    }

    /**
     * Runs {@code task} now, and every task it submits after it, unless a task is already running:
     * then queues it.
     *
     * @throws RejectedExecutionException while {@link #rejectAll rejecting}
     */
    @Override
    public void execute(Runnable task) {
        if (rejecting) {
            rejected++;
            throw new RejectedExecutionException("test: queue full");
        }
        queue.add(task);
        if (draining) {
            return;
        }
        draining = true;
        try {
            Runnable next;
            while ((next = queue.poll()) != null) {
                next.run();
            }
        } finally {
            draining = false;
        }
    }

    /** While {@code reject} is true, every submission is refused, as by a full queue. */
    public void rejectAll(boolean reject) {
        this.rejecting = reject;
    }

    /** How many submissions were refused so far. */
    public int rejected() {
        return rejected;
    }

    /** Whether no task is running or queued. */
    public boolean idle() {
        return queue.isEmpty() && !draining;
    }
}
