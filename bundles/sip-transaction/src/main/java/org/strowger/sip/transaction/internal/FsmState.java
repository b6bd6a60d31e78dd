package org.strowger.sip.transaction.internal;

import java.util.Set;

import org.strowger.sip.transaction.api.TransactionState;

/**
 * What every state of the four state machines declares: the public state it shows and the timers that
 * may run in it. Entering a state cancels every other timer ("cancel timers on leaving states").
 *
 * @param <E> the machine's events
 */
interface FsmState<E extends Enum<E>> {

    TransactionState api();

    Set<E> timers();
}
