package org.strowger.platform.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.platform.api.SerialExecutors;

/**
 * A fixed array of single-threaded executors with bounded queues. A key is mapped to an executor
 * by its hash (spread so that Call-IDs differing in their last characters still spread), so all
 * work for one call runs in order on one thread and needs no locks.
 */
@Component(service = SerialExecutors.class, configurationPid = PlatformConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PlatformConfig.class)
public final class SerialExecutorsComponent implements SerialExecutors {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutorsComponent.class);
    private static final long SHUTDOWN_WAIT_SECONDS = 5;

    private final ThreadPoolExecutor[] executors;

    @Activate
    public SerialExecutorsComponent(PlatformConfig config) {
        this(config.callExecutors(), config.callExecutorQueueCapacity());
    }

    /** For use outside OSGi (tests, benchmarks). */
    public SerialExecutorsComponent(int count, int queueCapacity) {
        if (count < 0) {
            throw new IllegalArgumentException(PlatformConfig.PID + ": callExecutors must be >= 0, was " + count);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException(
                    PlatformConfig.PID + ": callExecutorQueueCapacity must be >= 1, was " + queueCapacity);
        }
        int n = count == 0 ? 2 * Runtime.getRuntime().availableProcessors() : count;
        executors = new ThreadPoolExecutor[n];
        for (int i = 0; i < n; i++) {
            executors[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(queueCapacity), new NamedThreadFactory("strowger-call-" + i));
        }
        LOG.debug("call executors started count={} queueCapacity={}", n, queueCapacity);
    }

    @Override
    public Executor forKey(Object key) {
        int h = key.hashCode();
        h ^= h >>> 16;
        return executors[Math.floorMod(h, executors.length)];
    }

    @Override
    public int size() {
        return executors.length;
    }

    @Deactivate
    public void close() {
        for (ThreadPoolExecutor e : executors) {
            e.shutdown();
        }
        try {
            for (ThreadPoolExecutor e : executors) {
                if (!e.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warn("call executor did not finish its queue in {} s, interrupting", SHUTDOWN_WAIT_SECONDS);
                    e.shutdownNow();
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
