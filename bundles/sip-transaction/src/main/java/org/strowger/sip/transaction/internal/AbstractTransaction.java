package org.strowger.sip.transaction.internal;

import java.time.Duration;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.transaction.api.TransactionInfo;
import org.strowger.sip.transaction.api.TransactionKind;
import org.strowger.sip.transaction.api.TransactionState;

/**
 * What the four state machines of RFC 3261 §17 share: identity, the call's executor, timers, and the
 * one {@link #transition} method every state change goes through. Everything but the published state
 * and status (read by {@code sip:transactions}) is owned by the call's executor: no locks.
 *
 * @param <S> the machine's states
 * @param <E> the machine's events (messages, timers, transport errors)
 */
abstract class AbstractTransaction<S extends Enum<S> & FsmState<E>, E extends Enum<E>> {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractTransaction.class);

    final TransactionKind kind;
    final LayerContext ctx;
    final CallExecutor executor;
    final String callId;
    final SipMethod method;
    final FsmTimers<E> timers;
    private final long createdNanos;
    private S state;
    private volatile TransactionState published;
    private volatile int lastStatus;

    AbstractTransaction(TransactionKind kind, LayerContext ctx, SipRequest request, Class<E> events, S initial) {
        this.kind = kind;
        this.ctx = ctx;
        this.callId = request.callId();
        this.method = request.method();
        this.executor = ctx.executors().forCallId(callId);
        this.timers = new FsmTimers<>(events, ctx.timerService(), executor, this::onTimer);
        this.createdNanos = ctx.clock().nanoTime();
        this.published = initial.api();
        ctx.metrics().created(kind).increment();
    }

    /** The identifier in logs: the branch, or the RFC 2543 identity of a request without one. */
    abstract String id();

    /** The Via branch shown by {@code sip:transactions}. */
    abstract String branch();

    /** The remote side, e.g. {@code UDP 192.0.2.1:5060}. */
    abstract String peer();

    /** A timer of this transaction fired (on the call's executor). */
    abstract void onTimer(E event);

    /** Entry actions of {@code entered}; the transition has already been made and logged. */
    abstract void onEnter(S entered, E cause);

    /** Removes the transaction from the table (it reached Terminated). */
    abstract void unregister();

    /**
     * The one way to change state: logs {@code tx=… from -> to on event} at TRACE (self-loops too),
     * and on a real change cancels the timers the new state does not use, publishes the state and runs
     * its entry actions. Terminated also unregisters the transaction.
     */
    final void transition(S to, E cause) {
        S from = state;
        LOG.trace("tx={} {} -> {} on {}", id(), from == null ? "-" : from, to, cause);
        if (from == to) {
            return;
        }
        state = to;
        published = to.api();
        timers.retainOnly(to.timers());
        if (to.api() == TransactionState.TERMINATED) {
            timers.retainOnly(Set.of());
            unregister();
            ctx.metrics().terminated(kind).increment();
        }
        onEnter(to, cause);
    }

    /** The current state (call's executor only); {@code null} before the first transition. */
    final S current() {
        return state;
    }

    /** The state as other threads see it. */
    final TransactionState publishedState() {
        return published;
    }

    final boolean isTerminated() {
        return published == TransactionState.TERMINATED;
    }

    final void recordStatus(int status) {
        lastStatus = status;
    }

    final int lastStatus() {
        return lastStatus;
    }

    final long createdNanos() {
        return createdNanos;
    }

    /** How long ago the transaction was created (for a server transaction: when its request arrived). */
    final Duration sinceCreated() {
        return Duration.ofNanos(Math.max(0, ctx.clock().nanoTime() - createdNanos));
    }

    TransactionInfo info(long nowNanos) {
        return new TransactionInfo(kind, published, branch(), method.name(), callId, peer(),
                Duration.ofNanos(Math.max(0, nowNanos - createdNanos)), lastStatus);
    }

    /** A short description of a send failure, for logs and synthesized reason phrases. */
    static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        String text = message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
        StringBuilder safe = new StringBuilder(text.length());
        for (int i = 0; i < text.length() && safe.length() < 200; i++) {
            char c = text.charAt(i);
            safe.append(c < ' ' || c == 127 ? ' ' : c);
        }
        return safe.toString();
    }
}
