package org.strowger.sip.transaction.internal;

import org.strowger.sip.transaction.spi.ServerTransactionUser;

/**
 * The running transaction layer as {@link TransactionUserBinding} sees it: a service private to this
 * bundle (its package is not exported), registered by {@link TransactionLayerComponent}.
 */
public interface TransactionUserHost {

    void setUser(ServerTransactionUser user);

    /** Unbinds {@code user} if it is still the bound one. */
    void clearUser(ServerTransactionUser user);
}
