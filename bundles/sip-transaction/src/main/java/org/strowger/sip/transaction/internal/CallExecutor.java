package org.strowger.sip.transaction.internal;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.platform.api.TimerService;

/**
 * One platform serial executor as the transaction layer uses it (DESIGN.md §4: all state of a call
 * lives on the executor of its Call-ID). It marks the thread while one of its tasks runs, so that a
 * call made from the owner itself (a transaction user answering inside its callback) runs at once,
 * in order, instead of being queued behind other calls' work, and cannot be rejected by a full queue.
 */
final class CallExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(CallExecutor.class);
    private static final ThreadLocal<CallExecutor> OWNER = new ThreadLocal<>();
    /** How long {@link #submit} waits before trying a rejected task again. */
    static final Duration RETRY_DELAY = Duration.ofMillis(50);

    private final Executor serial;
    private final TimerService timers;
    private final BooleanSupplier closed;

    CallExecutor(Executor serial, TimerService timers, BooleanSupplier closed) {
        this.serial = serial;
        this.timers = timers;
        this.closed = closed;
    }

    /**
     * Queues {@code task} on the serial executor.
     *
     * @throws RejectedExecutionException when its queue is full (the caller answers 503)
     */
    @Override
    public void execute(Runnable task) {
        serial.execute(() -> runAsOwner(task));
    }

    /**
     * Queues {@code task}; when the queue is full, tries again after {@link #RETRY_DELAY} until it is
     * accepted or the layer is closed. For work that must not be lost: timers, send completions,
     * transaction-user calls from other threads.
     */
    void submit(Runnable task) {
        if (closed.getAsBoolean()) {
            return;
        }
        try {
            execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("call executor queue full, retrying a transaction task in {}", RETRY_DELAY);
            timers.schedule(RETRY_DELAY, this::submit, task);
        }
    }

    /**
     * Queues {@code task} even when the layer is closed, retrying after {@link #RETRY_DELAY} while the
     * queue is full: for the last words of a stopping layer (the synthesized 503s of {@code close()}).
     */
    void submitEvenIfClosed(Runnable task) {
        try {
            execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("call executor queue full, retrying a closing task in {}", RETRY_DELAY);
            try {
                timers.schedule(RETRY_DELAY, this::submitEvenIfClosed, task);
            } catch (RuntimeException stopped) {
                LOG.warn("a closing transaction task was lost: the timer service is gone ({})", stopped.toString());
            }
        }
    }

    /** Runs {@code task} now when called on this executor, else {@link #submit}s it. */
    void run(Runnable task) {
        if (isOwner()) {
            task.run();
        } else {
            submit(task);
        }
    }

    /** Whether the current thread is running a task of this executor. */
    boolean isOwner() {
        return OWNER.get() == this;
    }

    private void runAsOwner(Runnable task) {
        CallExecutor previous = OWNER.get();
        OWNER.set(this);
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("a transaction task failed (a bug in the transaction layer or in its user): {}", e.toString(), e);
        } finally {
            if (previous == null) {
                OWNER.remove();
            } else {
                OWNER.set(previous);
            }
        }
    }
}
