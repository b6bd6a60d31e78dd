package org.strowger.platform.testkit;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.strowger.platform.api.Counter;
import org.strowger.platform.api.Metrics;

/** A real, simple {@link Metrics}: named atomic counters in a map, readable by name. */
public final class SimpleMetrics implements Metrics {

    private final Map<String, AtomicCounter> counters = new ConcurrentHashMap<>();

    /** No counters yet. */
    public SimpleMetrics() {
    }

    /** The counter of that name, created at zero on first use. */
    @Override
    public Counter counter(String name) {
        return counters.computeIfAbsent(name, n -> new AtomicCounter());
    }

    /** Every counter's current value, sorted by name. */
    @Override
    public SortedMap<String, Long> snapshot() {
        SortedMap<String, Long> s = new TreeMap<>();
        counters.forEach((k, v) -> s.put(k, v.get()));
        return s;
    }

    /** The value of the counter with that full name, e.g. {@code sip.transaction.timeouts}; 0 if never created. */
    public long value(String name) {
        AtomicCounter c = counters.get(name);
        return c == null ? 0 : c.get();
    }

    private static final class AtomicCounter implements Counter {
        private final AtomicLong value = new AtomicLong();

        @Override
        public void increment() {
            value.incrementAndGet();
        }

        @Override
        public void add(long delta) {
            value.addAndGet(delta);
        }

        @Override
        public long get() {
            return value.get();
        }
    }
}
