package org.strowger.sip.dns.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.platform.api.Clock;
import org.strowger.platform.api.Metrics;
import org.strowger.sip.dns.api.SipResolutionException;
import org.strowger.sip.dns.api.SipResolver;
import org.strowger.sip.dns.api.SipTarget;
import org.strowger.sip.dns.api.TargetTransport;
import org.strowger.sip.message.api.SipUri;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.hosts.HostsFileParser;
import org.xbill.DNS.lookup.LookupSession;

/**
 * The {@link SipResolver} (PID {@code org.strowger.sip.dns}): RFC 3263 §4 server location on dnsjava's
 * asynchronous {@link LookupSession}, over a {@link CachingResolver} (TTL cache, RFC 2308 negative
 * caching) in front of an {@link ExtendedResolver} of the configured servers.
 *
 * <p>Threads: a small pool of our own ({@code strowger-dns-N}) runs every resolution step and every
 * dnsjava completion (dnsjava's one global NIO selector thread only moves bytes). {@link #resolve} never
 * blocks: a numeric target completes at once, anything else is handed to that pool. Deactivation stops
 * the pool and fails the resolutions still in progress.
 */
@Component(configurationPid = DnsConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = SipResolver.class)
@Designate(ocd = DnsConfig.class)
public final class DnsSipResolver implements SipResolver {

    private static final Logger LOG = LoggerFactory.getLogger(DnsSipResolver.class);
    private static final Set<TargetTransport> ALL = Set.copyOf(EnumSet.allOf(TargetTransport.class));
    /** dnsjava checks query timeouts when its selector wakes up, at least once a second. */
    private static final Duration SELECTOR_GRANULARITY = Duration.ofSeconds(1);

    private final DnsSettings settings;
    private final DnsMetrics metrics;
    private final ExecutorService executor;
    private final ServerLocator locator;
    private final Set<CompletableFuture<List<SipTarget>>> pending = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inProgress = new AtomicInteger();
    private volatile boolean closed;

    @Activate
    public DnsSipResolver(DnsConfig config, @Reference(name = "metrics") Metrics metrics,
            @Reference(name = "clock") Clock clock) {
        this(validated(config), metrics, clock, new Random());
    }

    /**
     * @param random drives the RFC 2782 weighted selection among SRV records of one priority
     */
    DnsSipResolver(DnsSettings settings, Metrics metrics, Clock clock, Random random) {
        this.settings = settings;
        this.metrics = new DnsMetrics(metrics);
        List<InetSocketAddress> servers = settings.servers().isEmpty() ? ResolverConfig.getCurrentConfig().servers()
                : settings.servers();
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("No DNS servers: none configured in " + DnsConfig.PID
                    + " servers and none found in the system configuration (/etc/resolv.conf); set servers in etc/"
                    + DnsConfig.PID + ".cfg");
        }
        Optional<HostsFileParser> hosts;
        try {
            hosts = settings.hostsFile().map(HostsFileParser::new);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + DnsConfig.PID + " hostsFile=" + settings.hostsFile().get()
                    + ": " + e.getMessage() + "; fix etc/" + DnsConfig.PID + ".cfg", e);
        }
        this.executor = newExecutor(settings.threads());
        CachingResolver caching = new CachingResolver(upstream(servers, settings),
                new ResponseCache(settings.cacheSize(), settings.maxTtl(), settings.maxNegativeTtl()), clock, this.metrics);
        LookupSession session = LookupSession.builder().resolver(caching).executor(executor).build();
        this.locator = new ServerLocator(new DnsLookups(session, hosts, settings.ipv6(), settings.preferIpv6()),
                new SrvOrdering(random), settings.useNaptr());
        LOG.debug("sip dns started: servers={} {}", servers, settings);
    }

    private static DnsSettings validated(DnsConfig config) {
        try {
            return DnsSettings.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            throw e;
        }
    }

    /** One {@link SimpleResolver} per server, tried in turn by an {@link ExtendedResolver}. */
    private static Resolver upstream(List<InetSocketAddress> servers, DnsSettings settings) {
        List<Resolver> each = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            SimpleResolver r = new SimpleResolver(server);
            r.setTimeout(settings.queryTimeout());
            each.add(r);
        }
        ExtendedResolver extended = new ExtendedResolver(each);
        extended.setRetries(settings.attempts());
        // The budget of the whole query: every attempt on every server may use its full timeout, plus the
        // granularity of dnsjava's timeout detection (its NIO selector wakes at least every second).
        extended.setTimeout(settings.queryTimeout().plus(SELECTOR_GRANULARITY)
                .multipliedBy((long) settings.attempts() * servers.size()));
        return extended;
    }

    private static ExecutorService newExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "strowger-dns-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Deactivate
    void deactivate() {
        closed = true;
        executor.shutdownNow();
        SipResolutionException stopped = new SipResolutionException("the SIP resolver was stopped");
        for (CompletableFuture<List<SipTarget>> f : List.copyOf(pending)) {
            f.completeExceptionally(stopped);
        }
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.debug("sip dns stopped");
    }

    @Override
    public CompletionStage<List<SipTarget>> resolve(SipUri uri) {
        return resolve(uri, ALL);
    }

    @Override
    public CompletionStage<List<SipTarget>> resolve(SipUri uri, Set<TargetTransport> supported) {
        metrics.resolutions.increment();
        UriTarget target;
        try {
            if (closed) {
                throw new SipResolutionException(uri + ": the SIP resolver is stopped");
            }
            target = UriTarget.of(uri, supported);
            if (target.ip() != null) {
                return CompletableFuture.completedFuture(ServerLocator.numeric(target, target.ip()));
            }
        } catch (SipResolutionException e) {
            return failed(uri, e);
        }
        if (inProgress.incrementAndGet() > settings.maxPendingResolutions()) {
            inProgress.decrementAndGet();
            metrics.rejected.increment();
            return failed(uri, new SipResolutionException(uri + ": too many resolutions in progress ("
                    + settings.maxPendingResolutions() + ", maxPendingResolutions of " + DnsConfig.PID + ")"));
        }
        CompletableFuture<List<SipTarget>> result = new CompletableFuture<>();
        pending.add(result);
        result.whenComplete((targets, error) -> {
            pending.remove(result);
            inProgress.decrementAndGet();
            if (error != null) {
                metrics.failures.increment();
                LOG.debug("uri={} not resolved: {}", uri, error.getMessage());
            } else {
                LOG.debug("uri={} targets={}", uri, targets);
            }
        });
        try {
            executor.execute(() -> {
                try {
                    locator.locate(target).whenComplete((targets, error) -> {
                        if (error == null) {
                            result.complete(List.copyOf(targets));
                        } else {
                            result.completeExceptionally(unwrap(uri, error));
                        }
                    });
                } catch (RuntimeException e) {
                    result.completeExceptionally(unwrap(uri, e));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new SipResolutionException(uri + ": the SIP resolver is stopped", e));
        }
        return result;
    }

    private CompletableFuture<List<SipTarget>> failed(SipUri uri, SipResolutionException e) {
        metrics.failures.increment();
        LOG.debug("uri={} not resolved: {}", uri, e.getMessage());
        return CompletableFuture.failedFuture(e);
    }

    private static Throwable unwrap(SipUri uri, Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof SipResolutionException ? t
                : new SipResolutionException(uri + ": resolution failed: " + t, t);
    }
}
