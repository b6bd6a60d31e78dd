package org.strowger.sip.transaction.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Set;
import java.util.function.Consumer;

import org.strowger.platform.api.Cancellable;
import org.strowger.platform.api.TimerService;

/**
 * The running timers of one transaction. A timer firing posts its event on the call's executor
 * (TimerService schedules, the {@link CallExecutor} runs), where it is delivered only if the timer is
 * still the one started last for that event: a timer cancelled or restarted after it was handed to
 * the executor is ignored. A zero delay (Timers D, I, J, K over reliable transports) is posted at
 * once, so the event still arrives after the current handler has finished.
 *
 * <p>Used only on the call's executor; no locks.
 */
final class FsmTimers<E extends Enum<E>> {

    private final TimerService service;
    private final CallExecutor executor;
    private final Consumer<E> fire;
    private final EnumMap<E, Object> tokens;
    private final EnumMap<E, Cancellable> handles;

    FsmTimers(Class<E> events, TimerService service, CallExecutor executor, Consumer<E> fire) {
        this.service = service;
        this.executor = executor;
        this.fire = fire;
        this.tokens = new EnumMap<>(events);
        this.handles = new EnumMap<>(events);
    }

    /** (Re)starts the timer of {@code event}. */
    void start(E event, Duration delay) {
        cancel(event);
        Object token = new Object();
        tokens.put(event, token);
        Runnable task = () -> {
            if (tokens.get(event) == token) {
                tokens.remove(event);
                handles.remove(event);
                fire.accept(event);
            }
        };
        if (delay.isZero()) {
            executor.submit(task);
        } else {
            handles.put(event, service.schedule(delay, executor::submit, task));
        }
    }

    void cancel(E event) {
        tokens.remove(event);
        Cancellable handle = handles.remove(event);
        if (handle != null) {
            handle.cancel();
        }
    }

    /** Cancels every running timer not in {@code keep} (the timers of the state being entered). */
    void retainOnly(Set<E> keep) {
        for (E event : tokens.keySet().toArray(emptyArray())) {
            if (!keep.contains(event)) {
                cancel(event);
            }
        }
    }

    boolean isRunning(E event) {
        return tokens.containsKey(event);
    }

    @SuppressWarnings("unchecked")
    private E[] emptyArray() {
        return (E[]) new Enum<?>[0];
    }
}
