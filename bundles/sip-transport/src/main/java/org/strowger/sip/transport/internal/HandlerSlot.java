package org.strowger.sip.transport.internal;

import java.util.concurrent.atomic.AtomicReference;
import org.strowger.sip.transport.spi.SipMessageHandler;

/** The one bound {@link SipMessageHandler} (DS greedy reference: the highest-ranked). */
final class HandlerSlot {

    private final AtomicReference<SipMessageHandler> current = new AtomicReference<>();

    SipMessageHandler get() {
        return current.get();
    }

    void set(SipMessageHandler handler) {
        current.set(handler);
    }

    /** Clears the slot only if it still holds {@code handler} (DS binds the replacement first). */
    void clear(SipMessageHandler handler) {
        current.compareAndSet(handler, null);
    }
}
