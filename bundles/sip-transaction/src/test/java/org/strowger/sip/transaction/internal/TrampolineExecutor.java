package org.strowger.sip.transaction.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A serial executor for single-threaded tests: a task submitted while none runs runs at once, one
 * submitted by a running task is queued and runs after it. Deterministic, and serial like the platform
 * executors. {@link #rejectAll} makes it behave like a full queue.
 */
final class TrampolineExecutor implements Executor {

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean draining;
    private boolean rejecting;
    private int rejected;

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

    void rejectAll(boolean reject) {
        this.rejecting = reject;
    }

    int rejected() {
        return rejected;
    }

    boolean idle() {
        return queue.isEmpty() && !draining;
    }
}
