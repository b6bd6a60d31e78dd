package org.strowger.example.plugin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class TallyTest {

    private static Map<String, Long> counts(Tally... tallies) {
        TreeMap<String, Long> out = new TreeMap<>();
        for (Tally t : tallies) {
            t.addTo(out);
        }
        return out;
    }

    @Test
    void nothingCountedGivesNoKeys() {
        assertEquals(Map.of(), counts(new Tally("in")));
    }

    @Test
    void requestsAreCountedPerMethod() {
        Tally in = new Tally("in");
        in.request("OPTIONS");
        in.request("INVITE");
        in.request("OPTIONS");
        assertEquals(Map.of("in.request.OPTIONS", 2L, "in.request.INVITE", 1L), counts(in));
    }

    @Test
    void responsesAreCountedPerStatusClass() {
        Tally out = new Tally("out");
        for (int code : new int[] {100, 180, 183, 200, 202, 302, 404, 487, 503, 603, 699}) {
            assertTrue(out.response(code), "code " + code);
        }
        assertEquals(Map.of("out.response.1xx", 3L, "out.response.2xx", 2L, "out.response.3xx", 1L,
                "out.response.4xx", 2L, "out.response.5xx", 1L, "out.response.6xx", 2L), counts(out));
    }

    @Test
    void codesOutsideTheStatusCodeRangeAreNotCounted() {
        Tally in = new Tally("in");
        assertFalse(in.response(99));
        assertFalse(in.response(700));
        assertFalse(in.response(-200));
        assertEquals(Map.of(), counts(in));
    }

    @Test
    void directionsAreKeptApart() {
        Tally in = new Tally("in");
        Tally out = new Tally("out");
        in.request("OPTIONS");
        out.response(200);
        assertEquals(Map.of("in.request.OPTIONS", 1L, "out.response.2xx", 1L), counts(in, out));
    }

    @Test
    void concurrentCountingLosesNothing() throws Exception {
        Tally in = new Tally("in");
        int threads = 4;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        in.request(i % 2 == 0 ? "INVITE" : "BYE");
                        in.response(200);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long total = (long) threads * perThread;
        assertEquals(Map.of("in.request.INVITE", total / 2, "in.request.BYE", total / 2, "in.response.2xx", total),
                counts(in));
    }
}
