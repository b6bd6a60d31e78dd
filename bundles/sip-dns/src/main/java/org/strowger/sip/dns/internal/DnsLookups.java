package org.strowger.sip.dns.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.hosts.HostsFileParser;
import org.xbill.DNS.lookup.LookupSession;

/**
 * The three kinds of lookup RFC 3263 needs (NAPTR, SRV, addresses), each as a {@link DnsAnswer}, on a
 * dnsjava {@link LookupSession} (asynchronous; CNAMEs followed). Addresses come first from the local
 * names: {@code localhost} is the loopback and never asked of DNS (RFC 6761 §6.3), a name in the hosts
 * file resolves from it alone; everything else is the A and AAAA records, queried in parallel.
 */
final class DnsLookups {

    private static final Logger LOG = LoggerFactory.getLogger(DnsLookups.class);
    private static final Name LOCALHOST = Name.fromConstantString("localhost.");

    private final LookupSession session;
    private final Optional<HostsFileParser> hostsFile;
    private final boolean ipv6;
    private final boolean preferIpv6;

    DnsLookups(LookupSession session, Optional<HostsFileParser> hostsFile, boolean ipv6, boolean preferIpv6) {
        this.session = session;
        this.hostsFile = hostsFile;
        this.ipv6 = ipv6;
        this.preferIpv6 = preferIpv6;
    }

    CompletableFuture<DnsAnswer<NAPTRRecord>> naptr(Name name) {
        return lookup(name, Type.NAPTR, NAPTRRecord.class);
    }

    CompletableFuture<DnsAnswer<SRVRecord>> srv(Name name) {
        return lookup(name, Type.SRV, SRVRecord.class);
    }

    /**
     * The addresses of {@code name}: the local ones if it is local, else A then AAAA (AAAA first with
     * preferIpv6; no AAAA with ipv6=false), each in the order the server gave. Not found when both
     * lookups found nothing; the reason is then the most definite of the two.
     */
    CompletableFuture<DnsAnswer<InetAddress>> addresses(Name name) {
        Optional<List<InetAddress>> local = local(name);
        if (local.isPresent()) {
            return CompletableFuture.completedFuture(DnsAnswer.found(local.get()));
        }
        CompletableFuture<DnsAnswer<ARecord>> a = lookup(name, Type.A, ARecord.class);
        if (!ipv6) {
            return a.thenApply(r -> r.found() ? DnsAnswer.found(r.values().stream().map(ARecord::getAddress).toList())
                    : DnsAnswer.none(r.outcome(), r.detail()));
        }
        CompletableFuture<DnsAnswer<AAAARecord>> aaaa = lookup(name, Type.AAAA, AAAARecord.class);
        return a.thenCombine(aaaa, (v4, v6) -> {
            List<InetAddress> first = new ArrayList<>();
            List<InetAddress> second = new ArrayList<>();
            v4.values().forEach(r -> (preferIpv6 ? second : first).add(r.getAddress()));
            v6.values().forEach(r -> (preferIpv6 ? first : second).add(r.getAddress()));
            first.addAll(second);
            if (!first.isEmpty()) {
                return DnsAnswer.found(first);
            }
            DnsAnswer<?> why = v4.outcome().compareTo(v6.outcome()) <= 0 ? v4 : v6;
            return DnsAnswer.none(why.outcome(), why.detail());
        });
    }

    /**
     * The addresses of a local name, without DNS: {@code localhost} and {@code *.localhost} (RFC 6761
     * §6.3) from the hosts file, else the loopback addresses; any other name if the hosts file has it.
     * Empty when the name is not local. Reads the hosts file (dnsjava re-reads it when it changes): call
     * it on the resolver's threads only.
     */
    Optional<List<InetAddress>> local(Name name) {
        List<InetAddress> found = new ArrayList<>();
        hostsFile.ifPresent(h -> {
            InetAddress v4 = fromHosts(h, name, Type.A);
            InetAddress v6 = ipv6 ? fromHosts(h, name, Type.AAAA) : null;
            if (preferIpv6 && v6 != null) {
                found.add(v6);
            }
            if (v4 != null) {
                found.add(v4);
            }
            if (!preferIpv6 && v6 != null) {
                found.add(v6);
            }
        });
        if (found.isEmpty() && (name.equals(LOCALHOST) || name.subdomain(LOCALHOST))) {
            found.add(loopback(new byte[] {127, 0, 0, 1}));
            if (ipv6) {
                byte[] v6 = new byte[16];
                v6[15] = 1;
                found.add(preferIpv6 ? 0 : 1, loopback(v6));
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(found));
    }

    private <T extends Record> CompletableFuture<DnsAnswer<T>> lookup(Name name, int type, Class<T> kind) {
        CompletableFuture<DnsAnswer<T>> out = new CompletableFuture<>();
        try {
            session.lookupAsync(name, type).whenComplete((result, error) -> {
                if (error != null) {
                    DnsAnswer<T> failed = DnsAnswer.failure(error);
                    LOG.debug("name={} type={} {}: {}", name, Type.string(type), failed.outcome(), failed.detail());
                    out.complete(failed);
                } else {
                    List<T> values = result.getRecords().stream().filter(kind::isInstance).map(kind::cast).toList();
                    out.complete(DnsAnswer.found(values));
                }
            });
        } catch (RuntimeException e) {
            out.complete(DnsAnswer.failure(e));
        }
        return out;
    }

    private static InetAddress fromHosts(HostsFileParser hosts, Name name, int type) {
        // HostsFileParser keeps unsynchronized state; our resolver threads may call it concurrently
        synchronized (hosts) {
            try {
                return hosts.getAddressForHost(name, type).orElse(null);
            } catch (IOException | RuntimeException e) {
                LOG.debug("name={} hosts file not usable: {}", name, e.toString());
                return null;
            }
        }
    }

    private static InetAddress loopback(byte[] bytes) {
        try {
            return InetAddress.getByAddress("localhost", bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
