package org.strowger.platform.internal;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.osgi.service.component.annotations.Component;
import org.strowger.platform.api.Counter;
import org.strowger.platform.api.Metrics;

/** Counters backed by {@link LongAdder}: cheap to increment from many I/O threads at once. */
@Component(service = Metrics.class)
public final class CounterMetrics implements Metrics {

    private final ConcurrentHashMap<String, AdderCounter> counters = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("counter name must not be empty");
        }
        return counters.computeIfAbsent(name, n -> new AdderCounter());
    }

    @Override
    public SortedMap<String, Long> snapshot() {
        TreeMap<String, Long> out = new TreeMap<>();
        counters.forEach((name, c) -> out.put(name, c.get()));
        return Collections.unmodifiableSortedMap(out);
    }

    private static final class AdderCounter implements Counter {
        private final LongAdder adder = new LongAdder();

        @Override
        public void increment() {
            adder.increment();
        }

        @Override
        public void add(long delta) {
            adder.add(delta);
        }

        @Override
        public long get() {
            return adder.sum();
        }
    }
}
