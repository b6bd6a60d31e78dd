package org.strowger.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SerialExecutorsComponentTest {

    @Test
    void sameKeyAlwaysMapsToSameExecutor() {
        SerialExecutorsComponent ex = new SerialExecutorsComponent(4, 100);
        try {
            assertEquals(4, ex.size());
            assertSame(ex.forKey("a84b4c76e66710@pc33.atlanta.com"), ex.forKey("a84b4c76e66710@pc33.atlanta.com"));
        } finally {
            ex.close();
        }
    }

    @Test
    void tasksOfOneKeyRunInSubmissionOrder() throws InterruptedException {
        SerialExecutorsComponent ex = new SerialExecutorsComponent(3, 1000);
        try {
            List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(500);
            Executor e = ex.forKey("call-1");
            for (int i = 0; i < 500; i++) {
                int n = i;
                e.execute(() -> {
                    seen.add(n);
                    done.countDown();
                });
            }
            assertTrue(done.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 500; i++) {
                assertEquals(i, seen.get(i));
            }
        } finally {
            ex.close();
        }
    }

    @Test
    void fullQueueRejectsInsteadOfGrowing() throws InterruptedException {
        SerialExecutorsComponent ex = new SerialExecutorsComponent(1, 2);
        CountDownLatch block = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try {
            Executor e = ex.forKey("k");
            e.execute(() -> {
                started.countDown();
                try {
                    block.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            e.execute(() -> { });
            e.execute(() -> { });
            assertThrows(RejectedExecutionException.class, () -> e.execute(() -> { }));
        } finally {
            block.countDown();
            ex.close();
        }
    }

    @Test
    void invalidConfigurationFailsWithThePid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SerialExecutorsComponent(2, 0));
        assertTrue(e.getMessage().contains("org.strowger.platform"), e.getMessage());
    }
}
