package org.strowger.platform.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.platform.api.Cancellable;
import org.strowger.platform.api.TimerService;

/**
 * The runtime's one timer thread. It only hands expired tasks to their executors, so a slow task
 * never delays other timers.
 */
@Component(service = TimerService.class)
public final class SharedTimerService implements TimerService {

    private static final Logger LOG = LoggerFactory.getLogger(SharedTimerService.class);

    private final ScheduledThreadPoolExecutor scheduler;

    public SharedTimerService() {
        scheduler = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("strowger-timer"));
        // Cancelled SIP timers (most of them: a transaction usually completes before Timer B) must not
        // stay in the queue until their deadline.
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Cancellable schedule(Duration delay, Executor executor, Runnable task) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(task, "task");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        ScheduledFuture<?> f = scheduler.schedule(() -> hand(executor, task), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    private static void hand(Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.warn("timer task rejected by its executor (queue full or shut down): {}", e.toString());
        }
    }

    @Deactivate
    public void close() {
        scheduler.shutdownNow();
    }
}
