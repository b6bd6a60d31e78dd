package org.strowger.platform.internal;

import org.osgi.service.component.annotations.Component;
import org.strowger.platform.api.Clock;

/** Publishes the system clock. Tests substitute {@code org.strowger.platform.testkit.ManualClock}. */
@Component(service = Clock.class)
public final class SystemClockComponent implements Clock {

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }
}
