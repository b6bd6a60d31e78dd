package org.strowger.sip.transaction.testkit;

import java.util.Objects;
import java.util.concurrent.Executor;

import org.strowger.platform.api.SerialExecutors;

/**
 * {@link SerialExecutors} with one executor for every key, typically the test's one
 * {@link TrampolineExecutor}: all calls share it, so a test sees every effect in order.
 */
public final class SingleSerialExecutors implements SerialExecutors {

    private final Executor executor;

    /** Every key maps to {@code executor}. */
    public SingleSerialExecutors(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** The one executor, whatever the key. */
    @Override
    public Executor forKey(Object key) {
        return executor;
    }

    /** One. */
    @Override
    public int size() {
        return 1;
    }
}
