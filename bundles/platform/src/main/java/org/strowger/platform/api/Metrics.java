package org.strowger.platform.api;

import java.util.SortedMap;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registry of named counters. Names are dotted, lower case, capability first, e.g.
 * {@code sip.transport.udp.parse_errors}.
 */
@ProviderType
public interface Metrics {

    /** The counter of that name, created at zero on first use. */
    Counter counter(String name);

    /** The current value of every counter, sorted by name. */
    SortedMap<String, Long> snapshot();
}
