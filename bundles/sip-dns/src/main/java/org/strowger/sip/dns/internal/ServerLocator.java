package org.strowger.sip.dns.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.dns.api.SipResolutionException;
import org.strowger.sip.dns.api.SipTarget;
import org.strowger.sip.dns.api.TargetTransport;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;

/**
 * The RFC 3263 §4 algorithm: from a {@link UriTarget} to every target in the order it must be tried.
 *
 * <ol>
 *   <li>Numeric TARGET: that address, the URI port or the transport's default; the transport is the
 *       explicit one, else UDP (TLS for SIPS) (§4.1, §4.2).</li>
 *   <li>A name in the hosts file (or localhost): its addresses, like a numeric TARGET (no NAPTR/SRV).</li>
 *   <li>Explicit {@code transport}: with a port, the A/AAAA records of TARGET at that port; without, the
 *       SRV records of that transport ({@code _sips} for TLS/WSS, also for a SIP URI, §4.2), else A/AAAA at
 *       the default port.</li>
 *   <li>Port without transport: A/AAAA of TARGET at that port, UDP (TLS for SIPS) (§4.1, §4.2).</li>
 *   <li>Otherwise NAPTR (§4.1, {@link NaptrSelection}): for each usable record in order, its SRV records;
 *       if there are no usable NAPTR records (or their SRV records yield nothing), SRV queries for each
 *       supported transport ({@code _sip._udp}, {@code _sip._tcp}, ... or {@code _sips._tcp} ...) in our
 *       order of preference; if none, A/AAAA of TARGET with the default transport and port. A TARGET whose
 *       NAPTR query says NXDOMAIN has no SRV names below it either (RFC 8020): straight to A/AAAA.</li>
 *   <li>SRV records are ordered by priority and weight ({@link SrvOrdering}, RFC 2782, §4.3); each target
 *       expands to its A and AAAA addresses, each address one {@link SipTarget} (§4.2, §4.3).</li>
 * </ol>
 * When the servers do not answer the step that selects the transport (NAPTR, or every SRV query), the
 * resolution fails at once rather than guess. The one SRV target that cannot be resolved is skipped.
 */
final class ServerLocator {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLocator.class);

    private final DnsLookups lookups;
    private final SrvOrdering srvOrdering;
    private final boolean useNaptr;

    ServerLocator(DnsLookups lookups, SrvOrdering srvOrdering, boolean useNaptr) {
        this.lookups = lookups;
        this.srvOrdering = srvOrdering;
        this.useNaptr = useNaptr;
    }

    /** The target of a numeric TARGET, without DNS (RFC 3263 §4.1, §4.2). */
    static List<SipTarget> numeric(UriTarget t, InetAddress ip) throws SipResolutionException {
        TargetTransport transport = t.defaultTransport();
        return List.of(new SipTarget(transport, new InetSocketAddress(ip, t.portFor(transport)), ip.getHostAddress()));
    }

    /**
     * Locates a non-numeric TARGET. Runs its first step on the calling thread (the hosts file may be read):
     * call it on a resolver thread. The stage fails with {@link SipResolutionException}.
     */
    CompletableFuture<List<SipTarget>> locate(UriTarget t) {
        try {
            Name name = t.name();
            var local = lookups.local(name);
            if (local.isPresent()) {
                TargetTransport transport = t.defaultTransport();
                return CompletableFuture.completedFuture(targets(transport, local.get(), t.portFor(transport), t.target()));
            }
            if (t.explicit() != null) {
                TargetTransport transport = t.explicit();
                if (t.port() >= 0) {
                    return viaAddresses(t, name, transport, "A/AAAA");
                }
                return srvTargets(srvName(transport, name), transport).thenCompose(found -> {
                    if (!found.values().isEmpty()) {
                        return CompletableFuture.completedFuture(found.values());
                    }
                    failIfNoResponse(t, found.answer(), "SRV " + srvName(transport, name));
                    return viaAddresses(t, name, transport, "SRV or A/AAAA");
                });
            }
            if (t.port() >= 0) {
                return viaAddresses(t, name, t.defaultTransport(), "A/AAAA");
            }
            return useNaptr ? viaNaptr(t, name) : viaSrv(t, name);
        } catch (SipResolutionException e) {
            return CompletableFuture.failedFuture(e);
        } catch (CompletionException e) {
            return CompletableFuture.failedFuture(e.getCause());
        }
    }

    /** §4.1 NAPTR, then SRV of each usable record in order. */
    private CompletableFuture<List<SipTarget>> viaNaptr(UriTarget t, Name name) {
        return lookups.naptr(name).thenCompose(answer -> {
            failIfNoResponse(t, answer, "NAPTR");
            if (answer.outcome() == DnsAnswer.Outcome.NO_DOMAIN) {
                return viaAddresses(t, name, defaultTransport(t), "NAPTR or A/AAAA");
            }
            List<NaptrSelection.Choice> choices = NaptrSelection.select(answer.values(), t.secure(), t.allowed());
            if (choices.isEmpty()) {
                if (answer.found()) {
                    LOG.debug("uri={} none of {} NAPTR records usable for {}", t.uri(), answer.values().size(), t.allowed());
                }
                return viaSrv(t, name);
            }
            List<CompletableFuture<SrvResult>> each = new ArrayList<>();
            for (NaptrSelection.Choice c : choices) {
                each.add(srvTargets(c.srvName(), c.transport()));
            }
            return concat(each).thenCompose(found -> found.isEmpty() ? viaSrv(t, name)
                    : CompletableFuture.completedFuture(found));
        });
    }

    /** §4.1 without NAPTR: SRV for each supported transport, else A/AAAA. */
    private CompletableFuture<List<SipTarget>> viaSrv(UriTarget t, Name name) {
        List<TargetTransport> transports = t.srvTransports();
        String tried = useNaptr ? "NAPTR, SRV or A/AAAA" : "SRV or A/AAAA";
        if (transports.isEmpty()) {
            return viaAddresses(t, name, defaultTransport(t), tried);
        }
        List<CompletableFuture<SrvResult>> each = new ArrayList<>();
        for (TargetTransport transport : transports) {
            each.add(srvTargets(srvName(transport, name), transport));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            List<SipTarget> found = new ArrayList<>();
            boolean allUnanswered = true;
            boolean anyRecords = false;
            for (CompletableFuture<SrvResult> f : each) {
                SrvResult r = f.join();
                found.addAll(r.values());
                allUnanswered &= r.answer().outcome() == DnsAnswer.Outcome.NO_RESPONSE;
                anyRecords |= r.answer().found();
            }
            if (!found.isEmpty()) {
                return CompletableFuture.completedFuture(found);
            }
            if (allUnanswered) {
                failIfNoResponse(t, each.get(0).join().answer(), "SRV");
            }
            if (anyRecords) {
                throw new CompletionException(new SipResolutionException(t.uri() + ": the SRV records of " + t.target()
                        + " name no reachable target (\".\" or targets without A/AAAA records)"));
            }
            return viaAddresses(t, name, defaultTransport(t), tried);
        });
    }

    /**
     * §4.2: every address of TARGET with {@code transport} at the URI port or the default port.
     *
     * @param tried the record types looked up so far, for the error message
     */
    private CompletableFuture<List<SipTarget>> viaAddresses(UriTarget t, Name name, TargetTransport transport,
            String tried) {
        return lookups.addresses(name).thenApply(answer -> {
            if (!answer.found()) {
                throw new CompletionException(new SipResolutionException(t.uri() + ": " + why(t.target(), answer, tried)));
            }
            return targets(transport, answer.values(), t.portFor(transport), t.target());
        });
    }

    /** One SRV name: its records in RFC 2782 order, each target expanded to its addresses. */
    private CompletableFuture<SrvResult> srvTargets(Name srvName, TargetTransport transport) {
        return lookups.srv(srvName).thenCompose(answer -> {
            if (!answer.found()) {
                return CompletableFuture.completedFuture(new SrvResult(answer, List.of()));
            }
            List<SRVRecord> ordered = srvOrdering.order(answer.values());
            List<CompletableFuture<List<SipTarget>>> each = new ArrayList<>();
            for (SRVRecord r : ordered) {
                each.add(lookups.addresses(r.getTarget()).thenApply(a -> {
                    if (!a.found()) {
                        LOG.debug("srv={} target={} skipped: {}", srvName, r.getTarget(), a.detail());
                        return List.of();
                    }
                    return targets(transport, a.values(), r.getPort(), r.getTarget().toString(true));
                }));
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<SipTarget> out = new ArrayList<>();
                each.forEach(f -> out.addAll(f.join()));
                return new SrvResult(answer, out);
            });
        });
    }

    private static CompletableFuture<List<SipTarget>> concat(List<CompletableFuture<SrvResult>> each) {
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<SipTarget> out = new ArrayList<>();
            each.forEach(f -> out.addAll(f.join().values()));
            return out;
        });
    }

    private static List<SipTarget> targets(TargetTransport transport, List<InetAddress> addresses, int port,
            String hostName) {
        List<SipTarget> out = new ArrayList<>(addresses.size());
        for (InetAddress a : addresses) {
            out.add(new SipTarget(transport, new InetSocketAddress(a, port), hostName));
        }
        return out;
    }

    /** The SRV owner name of a transport (RFC 3263 §4.1, §4.2; RFC 2782): e.g. {@code _sip._udp.example.com}. */
    static Name srvName(TargetTransport transport, Name name) {
        String prefix = transport.srvPrefix();
        try {
            // the prefix ends with a dot ("_sip._udp."): relative to the host name, not to the root
            return Name.concatenate(Name.fromString(prefix.substring(0, prefix.length() - 1)), name);
        } catch (TextParseException | NameTooLongException e) {
            throw new CompletionException(new SipResolutionException(name + " is too long for an SRV query", e));
        }
    }

    private static void failIfNoResponse(UriTarget t, DnsAnswer<?> answer, String step) {
        if (answer.outcome() == DnsAnswer.Outcome.NO_RESPONSE) {
            throw new CompletionException(new SipResolutionException(t.uri() + ": the DNS servers did not answer the "
                    + step + " query for " + t.target() + ": " + answer.detail()));
        }
    }

    private static TargetTransport defaultTransport(UriTarget t) {
        try {
            return t.defaultTransport();
        } catch (SipResolutionException e) {
            throw new CompletionException(e);
        }
    }

    private static String why(String host, DnsAnswer<?> answer, String tried) {
        return switch (answer.outcome()) {
            case NO_DOMAIN -> host + " does not exist (NXDOMAIN)";
            case NO_RESPONSE -> "the DNS servers did not answer the A/AAAA queries for " + host + ": " + answer.detail();
            case SERVER_FAILURE -> "the DNS servers failed to resolve " + host + ": " + answer.detail();
            default -> "no " + tried + " records usable for " + host;
        };
    }

    /** The SRV answer of one name and the targets it expanded to. */
    private record SrvResult(DnsAnswer<SRVRecord> answer, List<SipTarget> values) {
    }
}
