package org.strowger.sip.transaction.testkit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.strowger.sip.dns.api.SipResolutionException;
import org.strowger.sip.dns.api.SipResolver;
import org.strowger.sip.dns.api.SipTarget;
import org.strowger.sip.dns.api.TargetTransport;
import org.strowger.sip.message.api.SipUri;

/**
 * A {@link SipResolver} without DNS: IPv4 literals resolve to themselves (transport from the
 * {@code transport} URI parameter, else UDP; port from the URI, else the transport's default), names to
 * the targets registered with {@link #add}, filtered by the transports asked for; anything else fails
 * with {@link SipResolutionException} as an unknown name would (RFC 3263 §4). Answers at once.
 */
public final class StaticSipResolver implements SipResolver {

    private final Map<String, List<SipTarget>> names = new HashMap<>();
    private final List<SipUri> queries = new ArrayList<>();

    /**
     * Registers {@code name} → targets, in order of preference, each given as
     * {@code "<TargetTransport> <ip>:<port>"}, e.g. {@code "UDP 127.0.0.2:5060"}; replaces earlier ones.
     *
     * @return this resolver
     */
    public StaticSipResolver add(String name, String... targets) {
        List<SipTarget> list = new ArrayList<>();
        for (String t : targets) {
            String[] parts = t.trim().split(" +");
            int colon = parts.length == 2 ? parts[1].lastIndexOf(':') : -1;
            if (colon < 0) {
                throw new IllegalArgumentException("target must look like \"UDP 127.0.0.2:5060\", was \"" + t + "\"");
            }
            list.add(new SipTarget(TargetTransport.valueOf(parts[0]),
                    address(parts[1].substring(0, colon), Integer.parseInt(parts[1].substring(colon + 1))), name));
        }
        names.put(name, List.copyOf(list));
        return this;
    }

    /** Every URI asked for so far, in order (an unmodifiable live view). */
    public List<SipUri> queries() {
        return Collections.unmodifiableList(queries);
    }

    /** Resolves as described on the class; the stage is already complete. */
    @Override
    public CompletionStage<List<SipTarget>> resolve(SipUri uri, Set<TargetTransport> supported) {
        queries.add(uri);
        List<SipTarget> known = names.get(uri.host());
        if (known != null) {
            return CompletableFuture.completedFuture(known.stream().filter(t -> supported.contains(t.transport())).toList());
        }
        if (uri.host().matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            TargetTransport transport = uri.transportParam() == null ? TargetTransport.UDP
                    : TargetTransport.fromUriParam(uri.transportParam()).orElse(TargetTransport.UDP);
            int port = uri.port() < 0 ? transport.defaultPort() : uri.port();
            return CompletableFuture.completedFuture(List.of(new SipTarget(transport, address(uri.host(), port), uri.host())));
        }
        return CompletableFuture.failedFuture(new SipResolutionException(uri.host() + ": name does not exist"));
    }

    /**
     * The socket address of an IP literal and a port, without any name lookup.
     *
     * @throws IllegalArgumentException if {@code ip} is not an IPv4 or IPv6 literal
     */
    public static InetSocketAddress address(String ip, int port) {
        if (!ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+") && !ip.contains(":")) {
            throw new IllegalArgumentException("not an IP literal: " + ip);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }
}
