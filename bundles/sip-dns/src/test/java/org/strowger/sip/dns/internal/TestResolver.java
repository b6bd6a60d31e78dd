package org.strowger.sip.dns.internal;

import org.strowger.platform.testkit.SimpleMetrics;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.strowger.platform.testkit.ManualClock;
import org.strowger.sip.dns.api.SipResolutionException;
import org.strowger.sip.dns.api.SipTarget;
import org.strowger.sip.dns.api.TargetTransport;
import org.strowger.sip.message.api.SipUri;

/**
 * A {@link DnsSipResolver} against one server, with counters and a virtual clock for the cache, and
 * bounded waits for its answers. Close it to stop its threads.
 */
final class TestResolver implements AutoCloseable {

    /** Bound on every wait for a resolution; generous, never asserted as a duration. */
    static final long WAIT_SECONDS = 20;

    final SimpleMetrics metrics = new SimpleMetrics();
    final ManualClock clock = new ManualClock();
    final DnsSipResolver resolver;

    TestResolver(InetSocketAddress server, Random random, UnaryOperator<DnsSettings> tweak) {
        this(List.of(server), random, tweak);
    }

    TestResolver(List<InetSocketAddress> servers, Random random, UnaryOperator<DnsSettings> tweak) {
        DnsSettings s = DnsSettings.defaults(servers)
                .withQueryTimeout(Duration.ofMillis(500), 2)
                .withHostsFile(Optional.empty());
        resolver = new DnsSipResolver(tweak.apply(s), metrics, clock, random);
    }

    TestResolver(InetSocketAddress server) {
        this(server, new Random(1), s -> s);
    }

    /** Hosts file for tests: none unless one is given. */
    static UnaryOperator<DnsSettings> hosts(Path file) {
        return s -> s.withHostsFile(Optional.of(file));
    }

    List<SipTarget> resolve(String uri, TargetTransport... supported) throws Exception {
        Set<TargetTransport> set = supported.length == 0 ? EnumSet.allOf(TargetTransport.class)
                : EnumSet.of(supported[0], supported);
        return resolver.resolve(SipUri.parse(uri), set).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The targets as {@link SipTarget#toString()} shows them, e.g. {@code UDP 192.0.2.1:5060 (a.example.test)}. */
    List<String> targets(String uri, TargetTransport... supported) throws Exception {
        return resolve(uri, supported).stream().map(SipTarget::toString).toList();
    }

    /** The failure of a resolution that must fail, with a {@link SipResolutionException}. */
    SipResolutionException failure(String uri, TargetTransport... supported) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> resolve(uri, supported));
        return assertInstanceOf(SipResolutionException.class, e.getCause());
    }

    long queries() {
        return metrics.value(DnsMetrics.QUERIES);
    }

    long cacheHits() {
        return metrics.value(DnsMetrics.CACHE_HITS);
    }

    @Override
    public void close() {
        resolver.deactivate();
    }
}
