package org.strowger.platform.api;

import org.osgi.annotation.versioning.ProviderType;

/** A monotonically increasing count, safe to update from any thread. */
@ProviderType
public interface Counter {

    void increment();

    void add(long delta);

    long get();
}
