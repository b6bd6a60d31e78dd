package org.strowger.platform.api;

import java.util.concurrent.Executor;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A fixed set of serial executors: tasks submitted for one key run one at a time, in submission
 * order. All state of one call (its transactions and dialogs) is owned by the executor of its
 * Call-ID, so that state needs no locks (DESIGN.md §4).
 */
@ProviderType
public interface SerialExecutors {

    /** The executor that owns {@code key}; the same key always maps to the same executor. */
    Executor forKey(Object key);

    /** How many serial executors there are. */
    int size();
}
