package org.strowger.sip.dns.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.strowger.platform.api.Clock;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TSIG;

/**
 * A dnsjava {@link Resolver} in front of the real one: answers from the {@link ResponseCache} while
 * their TTL lasts, lets concurrent identical questions share one query, and counts queries, cache hits
 * and queries that got no answer. The {@code LookupSession} on top follows CNAMEs through it, so every
 * step of a chain is cached for its own TTL.
 */
final class CachingResolver implements Resolver {

    private final Resolver upstream;
    private final ResponseCache cache;
    private final Clock clock;
    private final DnsMetrics metrics;
    private final ConcurrentHashMap<ResponseCache.Key, CompletableFuture<Message>> inFlight = new ConcurrentHashMap<>();

    CachingResolver(Resolver upstream, ResponseCache cache, Clock clock, DnsMetrics metrics) {
        this.upstream = upstream;
        this.cache = cache;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        ResponseCache.Key key = ResponseCache.Key.of(query.getQuestion());
        Optional<Message> cached = cache.get(key, clock.nanoTime());
        if (cached.isPresent()) {
            metrics.cacheHits.increment();
            return CompletableFuture.completedFuture(answerTo(query, cached.get()));
        }
        CompletableFuture<Message> mine = new CompletableFuture<>();
        CompletableFuture<Message> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            metrics.coalesced.increment();
            return running.thenApply(m -> answerTo(query, m));
        }
        metrics.queries.increment();
        try {
            upstream.sendAsync(query, executor).whenComplete((answer, error) -> {
                if (error == null) {
                    cache.put(key, answer, clock.nanoTime());
                } else {
                    metrics.queryErrors.increment();
                }
                inFlight.remove(key, mine);
                if (error == null) {
                    mine.complete(answer);
                } else {
                    mine.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error);
                }
            });
        } catch (RuntimeException e) {
            inFlight.remove(key, mine);
            mine.completeExceptionally(e);
        }
        return mine.thenApply(m -> answerTo(query, m));
    }

    /** A private copy of a shared answer, carrying the id of the query it answers. */
    private static Message answerTo(Message query, Message answer) {
        Message copy = answer.clone();
        copy.getHeader().setID(query.getHeader().getID());
        return copy;
    }

    @Override
    public void setPort(int port) {
        upstream.setPort(port);
    }

    @Override
    public void setTCP(boolean flag) {
        upstream.setTCP(flag);
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
        upstream.setIgnoreTruncation(flag);
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
        upstream.setEDNS(version, payloadSize, flags, options);
    }

    @Override
    public void setTSIGKey(TSIG key) {
        upstream.setTSIGKey(key);
    }

    @Override
    public void setTimeout(Duration timeout) {
        upstream.setTimeout(timeout);
    }

    @Override
    public Duration getTimeout() {
        return upstream.getTimeout();
    }

    @Override
    public String toString() {
        return "CachingResolver in front of " + upstream;
    }
}
