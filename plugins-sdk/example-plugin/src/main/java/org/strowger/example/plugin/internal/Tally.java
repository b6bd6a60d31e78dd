package org.strowger.example.plugin.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.strowger.example.plugin.api.MessageCounts;

/**
 * Counts for one direction. Lock-free and allocation-free once a method has been seen: it runs on
 * the transport's I/O threads, concurrently. Bounded: at most the known methods plus
 * {@value MessageCounts#OTHER_METHOD}, and six status classes.
 */
final class Tally {

    private final String requestPrefix;
    private final String responsePrefix;
    private final ConcurrentHashMap<String, LongAdder> requests = new ConcurrentHashMap<>();
    /** Index 0 … 5: status classes 1xx … 6xx (RFC 3261 §7.2). */
    private final LongAdder[] responses = new LongAdder[6];

    Tally(String direction) {
        this.requestPrefix = direction + ".request.";
        this.responsePrefix = direction + ".response.";
        for (int i = 0; i < responses.length; i++) {
            responses[i] = new LongAdder();
        }
    }

    /**
     * @param method the request method, already reduced to a known method name or
     *     {@value MessageCounts#OTHER_METHOD}
     */
    void request(String method) {
        LongAdder counter = requests.get(method);
        if (counter == null) {
            counter = requests.computeIfAbsent(method, m -> new LongAdder());
        }
        counter.increment();
    }

    /**
     * @param statusCode a three-digit status code, 100 … 699 (RFC 3261 §25.1 Status-Code)
     * @return false (and nothing counted) when the code is outside that range
     */
    boolean response(int statusCode) {
        if (statusCode < 100 || statusCode > 699) {
            return false;
        }
        responses[statusCode / 100 - 1].increment();
        return true;
    }

    void addTo(TreeMap<String, Long> out) {
        for (Map.Entry<String, LongAdder> e : requests.entrySet()) {
            out.put(requestPrefix + e.getKey(), e.getValue().sum());
        }
        for (int i = 0; i < responses.length; i++) {
            long n = responses[i].sum();
            if (n > 0) {
                out.put(responsePrefix + (i + 1) + "xx", n);
            }
        }
    }
}
