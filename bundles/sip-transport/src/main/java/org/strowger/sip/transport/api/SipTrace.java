package org.strowger.sip.transport.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Message tracing: when enabled, every message in and out that matches the filter is logged at INFO
 * on logger {@code org.strowger.sip.trace}, with direction, transport, addresses and the full text.
 */
@ProviderType
public interface SipTrace {

    /** The logger name traced messages are written to. */
    String LOGGER = "org.strowger.sip.trace";

    /** Starts tracing, replacing any previous filter. */
    void enable(TraceFilter filter);

    /** Stops tracing. */
    void disable();

    /** The active filter, empty when tracing is off. */
    Optional<TraceFilter> current();
}
