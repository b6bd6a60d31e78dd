package org.strowger.sip.dns.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * DNS answers by question, each kept for its TTL on a monotonic clock, bounded in number (least recently
 * used evicted first). Positive answers live for the smallest TTL of their answer records (RFC 1035
 * §3.2.1, RFC 2181 §5.2), negative ones (NXDOMAIN, or NOERROR without answers: "NODATA") for the SOA's
 * TTL or MINIMUM, whichever is smaller (RFC 2308 §5); a negative answer without SOA is not cached (RFC
 * 2308 §5), nor are server failures. Both are capped by configuration. Thread-safe.
 */
final class ResponseCache {

    /** The question an answer belongs to; {@link Name} compares case-insensitively. */
    record Key(Name name, int type, int dclass) {
        static Key of(Record question) {
            return new Key(question.getName(), question.getType(), question.getDClass());
        }
    }

    private record Entry(Message message, long expiresAtNanos) {
    }

    private final int maxEntries;
    private final Duration maxTtl;
    private final Duration maxNegativeTtl;
    private final LinkedHashMap<Key, Entry> entries;

    ResponseCache(int maxEntries, Duration maxTtl, Duration maxNegativeTtl) {
        this.maxEntries = maxEntries;
        this.maxTtl = maxTtl;
        this.maxNegativeTtl = maxNegativeTtl;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > ResponseCache.this.maxEntries;
            }
        };
    }

    /** The cached answer if it has not expired at {@code nowNanos}. */
    synchronized Optional<Message> get(Key key, long nowNanos) {
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (nowNanos - e.expiresAtNanos >= 0) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(e.message);
    }

    /** Caches {@code answer} for its TTL as described above; does nothing for a TTL of zero. */
    void put(Key key, Message answer, long nowNanos) {
        if (maxEntries == 0) {
            return;
        }
        Optional<Duration> ttl = ttlOf(answer);
        if (ttl.isEmpty() || ttl.get().isZero()) {
            return;
        }
        synchronized (this) {
            entries.put(key, new Entry(answer, nowNanos + ttl.get().toNanos()));
        }
    }

    synchronized int size() {
        return entries.size();
    }

    /** How long {@code answer} may be cached, capped; empty when it must not be cached at all. */
    Optional<Duration> ttlOf(Message answer) {
        int rcode = answer.getRcode();
        List<Record> answers = answer.getSection(Section.ANSWER);
        if (rcode == Rcode.NOERROR && !answers.isEmpty()) {
            long ttl = Long.MAX_VALUE;
            for (Record r : answers) {
                ttl = Math.min(ttl, r.getTTL());
            }
            return Optional.of(cap(ttl, maxTtl));
        }
        if (rcode == Rcode.NXDOMAIN || rcode == Rcode.NOERROR) {
            for (Record r : answer.getSection(Section.AUTHORITY)) {
                if (r instanceof SOARecord soa) {
                    return Optional.of(cap(Math.min(soa.getTTL(), soa.getMinimum()), maxNegativeTtl));
                }
            }
        }
        return Optional.empty();
    }

    private static Duration cap(long ttlSeconds, Duration max) {
        // RFC 2181 §8: a TTL with the most significant bit set is treated as zero
        long ttl = ttlSeconds < 0 || ttlSeconds > 0x7fffffffL ? 0 : ttlSeconds;
        return Duration.ofSeconds(Math.min(ttl, max.toSeconds()));
    }
}
