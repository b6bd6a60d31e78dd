package org.strowger.platform.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Source of time. Production code never calls {@link System#nanoTime()} directly so that tests can
 * substitute a virtual clock and drive timers deterministically.
 */
@ProviderType
public interface Clock {

    /** The system clock. */
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }
    };

    /** Monotonic time for measuring intervals, in nanoseconds from an arbitrary origin. */
    long nanoTime();

    /** Wall-clock time in milliseconds since the epoch, for timestamps shown to people. */
    long currentTimeMillis();
}
