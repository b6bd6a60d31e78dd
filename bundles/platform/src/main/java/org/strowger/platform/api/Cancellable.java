package org.strowger.platform.api;

import org.osgi.annotation.versioning.ProviderType;

/** Handle of a scheduled task. */
@ProviderType
public interface Cancellable {

    /**
     * Cancels the task if it has not run yet.
     *
     * @return {@code true} if this call prevented the task from running
     */
    boolean cancel();
}
