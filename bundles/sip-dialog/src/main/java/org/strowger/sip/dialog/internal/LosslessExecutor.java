package org.strowger.sip.dialog.internal;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.strowger.platform.api.TimerService;

/**
 * A call's serial executor that never loses work: when the bounded queue is full (the platform's
 * back-pressure), the task is handed again {@value #RETRY_MILLIS} ms later instead of being dropped
 * — a lost timer or hang-up would leave a call, its timers and its table entries behind for good.
 * New calls are refused up front by the call limit, so retries stay rare and short.
 */
final class LosslessExecutor implements Executor {

    static final long RETRY_MILLIS = 50;

    private final Executor serial;
    private final TimerService timers;

    LosslessExecutor(Executor serial, TimerService timers) {
        this.serial = serial;
        this.timers = timers;
    }

    @Override
    public void execute(Runnable task) {
        try {
            serial.execute(task);
        } catch (RejectedExecutionException full) {
            timers.schedule(Duration.ofMillis(RETRY_MILLIS), this, task);
        }
    }
}
