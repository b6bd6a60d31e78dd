package org.strowger.sip.transaction.internal;

import java.util.concurrent.atomic.AtomicReference;

import org.strowger.sip.transaction.spi.ServerTransactionUser;

/** The one bound {@link ServerTransactionUser} (DS greedy reference: the highest ranking). */
final class UserSlot {

    private final AtomicReference<ServerTransactionUser> current = new AtomicReference<>();

    /** The bound user, or {@code null} while none is. */
    ServerTransactionUser get() {
        return current.get();
    }

    void set(ServerTransactionUser user) {
        current.set(user);
    }

    /** Clears the slot only if it still holds {@code user} (DS binds the replacement first). */
    void clear(ServerTransactionUser user) {
        current.compareAndSet(user, null);
    }
}
