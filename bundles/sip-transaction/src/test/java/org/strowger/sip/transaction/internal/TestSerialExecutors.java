package org.strowger.sip.transaction.internal;

import java.util.concurrent.Executor;

import org.strowger.platform.api.SerialExecutors;

/** Every key on the one {@link TrampolineExecutor} of the test. */
final class TestSerialExecutors implements SerialExecutors {

    private final Executor executor;

    TestSerialExecutors(Executor executor) {
        this.executor = executor;
    }

    @Override
    public Executor forKey(Object key) {
        return executor;
    }

    @Override
    public int size() {
        return 1;
    }
}
