package org.strowger.sip.transaction.internal;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.strowger.platform.api.Counter;
import org.strowger.platform.api.Metrics;

/** A real, simple {@link Metrics}: named atomic counters in a map. */
final class TestMetrics implements Metrics {

    private final Map<String, AtomicCounter> counters = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name) {
        return counters.computeIfAbsent(name, n -> new AtomicCounter());
    }

    @Override
    public SortedMap<String, Long> snapshot() {
        SortedMap<String, Long> s = new TreeMap<>();
        counters.forEach((k, v) -> s.put(k, v.get()));
        return s;
    }

    /** The value of {@code sip.transaction.<suffix>}. */
    long get(String suffix) {
        AtomicCounter c = counters.get(LayerMetrics.PREFIX + suffix);
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
