package org.strowger.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class SharedTimerServiceTest {

    @Test
    void taskRunsOnTheGivenExecutorNotTheTimerThread() throws InterruptedException {
        SharedTimerService timers = new SharedTimerService();
        SerialExecutorsComponent executors = new SerialExecutorsComponent(1, 10);
        try {
            AtomicReference<String> thread = new AtomicReference<>();
            CountDownLatch ran = new CountDownLatch(1);
            timers.schedule(Duration.ofMillis(1), executors.forKey("k"), () -> {
                thread.set(Thread.currentThread().getName());
                ran.countDown();
            });
            assertTrue(ran.await(10, TimeUnit.SECONDS));
            assertEquals("strowger-call-0", thread.get());
        } finally {
            timers.close();
            executors.close();
        }
    }
}
