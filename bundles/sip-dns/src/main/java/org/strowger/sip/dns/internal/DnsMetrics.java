package org.strowger.sip.dns.internal;

import org.strowger.platform.api.Counter;
import org.strowger.platform.api.Metrics;

/** The resolver's counters in the platform {@link Metrics} registry, looked up once. */
final class DnsMetrics {

    static final String RESOLUTIONS = "sip.dns.resolutions";
    static final String FAILURES = "sip.dns.failures";
    static final String REJECTED = "sip.dns.rejected";
    static final String QUERIES = "sip.dns.queries";
    static final String QUERY_ERRORS = "sip.dns.query_errors";
    static final String CACHE_HITS = "sip.dns.cache_hits";
    static final String COALESCED = "sip.dns.coalesced";

    /** {@code resolve()} calls. */
    final Counter resolutions;
    /** Resolutions that ended with {@code SipResolutionException}. */
    final Counter failures;
    /** Resolutions refused because {@code maxPendingResolutions} were in progress. */
    final Counter rejected;
    /** Queries sent to the DNS servers (cache misses). */
    final Counter queries;
    /** Queries that got no answer from any server (timeouts, unreachable servers). */
    final Counter queryErrors;
    /** Queries answered from the cache. */
    final Counter cacheHits;
    /** Queries that joined an identical query already in flight instead of sending their own. */
    final Counter coalesced;

    DnsMetrics(Metrics metrics) {
        resolutions = metrics.counter(RESOLUTIONS);
        failures = metrics.counter(FAILURES);
        rejected = metrics.counter(REJECTED);
        queries = metrics.counter(QUERIES);
        queryErrors = metrics.counter(QUERY_ERRORS);
        cacheHits = metrics.counter(CACHE_HITS);
        coalesced = metrics.counter(COALESCED);
    }
}
