package org.strowger.sip.dialog.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.platform.api.Clock;
import org.strowger.sip.message.api.CSeq;
import org.strowger.sip.message.api.NameAddr;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.Via;

/**
 * Detects merged requests (RFC 3261 §8.2.2.2): a request without To tag whose From tag, Call-ID and
 * CSeq equal those of a recent request but which arrived with another top Via branch or sent-by,
 * i.e. the same request forked by a proxy and reaching this UAS twice along different paths. The
 * UAS answers the second copy 482 (Loop Detected).
 *
 * <p>"Recent" is a window (32 s = 64·T1 by default: the life of the INVITE and non-INVITE server
 * transactions the RFC compares against). The same branch and sent-by again is a retransmission that
 * got past the transaction layer (e.g. after the transaction ended) and is not merged.
 *
 * <p>Shared by all call executors: thread-safe and lock-free (a {@link ConcurrentHashMap} updated by
 * compare-and-set, a {@link ConcurrentLinkedQueue} in insertion order). Memory is bounded: entries
 * older than the window are dropped as new ones arrive, and past {@code maxEntries} the oldest entry
 * is dropped first (so under a flood some merged copies may go undetected and get answered normally,
 * which is the RFC 2543 behaviour, never a refusal of a legitimate request).
 */
public final class MergedRequestDetector {
    private static final Logger LOG = LoggerFactory.getLogger(MergedRequestDetector.class);

    private final Clock clock;
    private final long windowNanos;
    private final int maxEntries;
    private final ConcurrentHashMap<Key, Origin> seen = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Remembered> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();

    /**
     * @param window     how long a request is remembered (RFC 3261: 64·T1 = 32 s)
     * @param maxEntries most requests remembered at once (&gt; 0)
     */
    public MergedRequestDetector(Clock clock, Duration window, int maxEntries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("merged-request window must be positive: " + window);
        }
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be > 0 but is " + maxEntries);
        }
        this.windowNanos = window.toNanos();
        this.maxEntries = maxEntries;
    }

    /**
     * Remembers the request and tells whether it is a merged copy of one seen within the window.
     * Requests with a To tag (in-dialog) are never merged and not remembered.
     */
    public boolean isMerged(SipRequest request) {
        NameAddr to = request.to();
        if (to != null && to.tag() != null) {
            return false;
        }
        Key key = Key.of(request);
        if (key == null) {
            return false;
        }
        long now = clock.nanoTime();
        Origin fresh = Origin.of(request.topVia(), now);
        expire(now);
        while (true) {
            Origin old = seen.putIfAbsent(key, fresh);
            if (old == null) {
                remember(key, fresh);
                return false;
            }
            if (now - old.seenAt >= windowNanos) {
                if (seen.replace(key, old, fresh)) {
                    remember(key, fresh);
                    return false;
                }
                continue;
            }
            boolean merged = !old.sameAs(fresh);
            if (merged) {
                LOG.debug("call={} cseq={} merged request: branch {} while {} is recent", key.callId, key.cseq,
                        fresh.branch, old.branch);
            }
            return merged;
        }
    }

    /** Requests remembered now (for tests and metrics). */
    public int size() {
        return seen.size();
    }

    private void remember(Key key, Origin origin) {
        order.add(new Remembered(key, origin));
        if (queued.incrementAndGet() > maxEntries) {
            Remembered oldest = order.poll();
            if (oldest != null) {
                queued.decrementAndGet();
                seen.remove(oldest.key, oldest.origin);
            }
        }
    }

    private void expire(long now) {
        Remembered head;
        while ((head = order.peek()) != null && now - head.origin.seenAt >= windowNanos) {
            if (order.remove(head)) {
                queued.decrementAndGet();
                seen.remove(head.key, head.origin);
            }
        }
    }

    /** From tag, Call-ID, CSeq number and method: what §8.2.2.2 compares. */
    private record Key(String fromTag, String callId, CSeq cseq) {
        static Key of(SipRequest request) {
            NameAddr from = request.from();
            CSeq cseq = request.cseq();
            String callId = request.callId();
            if (from == null || cseq == null || callId == null) {
                return null;
            }
            // an RFC 2543 From without tag: the whole From stands in for it
            String tag = from.tag() != null ? from.tag() : from.toString();
            return new Key(tag, callId, cseq);
        }
    }

    /** Top Via branch and sent-by: which transaction (§17.2.3) the request belongs to. */
    private static final class Origin {
        final String branch;
        final String sentBy;
        final long seenAt;

        private Origin(String branch, String sentBy, long seenAt) {
            this.branch = branch;
            this.sentBy = sentBy;
            this.seenAt = seenAt;
        }

        static Origin of(Via via, long now) {
            if (via == null) {
                return new Origin(null, "", now);
            }
            String sentBy = via.host().toLowerCase(Locale.ROOT) + ":" + via.port();
            return new Origin(via.branch(), sentBy, now);
        }

        boolean sameAs(Origin other) {
            return Objects.equals(branch, other.branch) && sentBy.equals(other.sentBy);
        }
    }

    private record Remembered(Key key, Origin origin) {
    }
}
