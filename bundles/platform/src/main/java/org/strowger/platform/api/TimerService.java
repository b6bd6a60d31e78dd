package org.strowger.platform.api;

import java.time.Duration;
import java.util.concurrent.Executor;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one timer service of a runtime. A timer never runs its task on the timer thread: the task is
 * handed to the given executor (normally the serial executor that owns the state the task touches),
 * so a timer firing is just another event for that owner.
 */
@ProviderType
public interface TimerService {

    /**
     * Schedules {@code task} to be submitted to {@code executor} after {@code delay}.
     *
     * @param delay    not negative
     * @param executor where the task runs
     * @param task     what runs
     * @return a handle to cancel the timer
     */
    Cancellable schedule(Duration delay, Executor executor, Runnable task);
}
