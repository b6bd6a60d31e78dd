package org.strowger.sip.transaction.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.strowger.platform.api.SerialExecutors;
import org.strowger.platform.api.TimerService;

/** The {@link CallExecutor} of each Call-ID: one per platform serial executor, so the same Call-ID gets the same one. */
final class CallExecutors {

    private final SerialExecutors serials;
    private final TimerService timers;
    private final ConcurrentHashMap<Executor, CallExecutor> wrappers = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    CallExecutors(SerialExecutors serials, TimerService timers) {
        this.serials = serials;
        this.timers = timers;
    }

    CallExecutor forCallId(String callId) {
        Executor serial = serials.forKey(callId == null ? "" : callId);
        return wrappers.computeIfAbsent(serial, s -> new CallExecutor(s, timers, closed::get));
    }

    /** Stops retrying rejected tasks (the layer is stopping). */
    void close() {
        closed.set(true);
    }

    boolean isClosed() {
        return closed.get();
    }
}
