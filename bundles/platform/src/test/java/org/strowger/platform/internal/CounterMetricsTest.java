package org.strowger.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class CounterMetricsTest {

    @Test
    void countersAreSharedByNameAndSnapshotSorted() {
        CounterMetrics m = new CounterMetrics();
        m.counter("sip.b").add(5);
        m.counter("sip.a").increment();
        m.counter("sip.a").increment();
        assertSame(m.counter("sip.a"), m.counter("sip.a"));
        assertEquals("{sip.a=2, sip.b=5}", m.snapshot().toString());
    }
}
