package org.strowger.sip.transaction.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
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
 * A resolver for tests: IPv4 literals resolve to themselves (transport from the {@code transport}
 * parameter, else UDP; port from the URI, else 5060), names to the targets registered with
 * {@link #add}; anything else fails as an unknown name would. Answers at once.
 */
final class TestResolver implements SipResolver {

    private final Map<String, List<SipTarget>> names = new HashMap<>();
    final List<SipUri> queries = new ArrayList<>();

    /** Registers {@code name} → targets, each given as {@code "UDP 127.0.0.2:5060"}. */
    TestResolver add(String name, String... targets) {
        List<SipTarget> list = new ArrayList<>();
        for (String t : targets) {
            String[] parts = t.split(" ");
            String[] hostPort = parts[1].split(":");
            list.add(new SipTarget(TargetTransport.valueOf(parts[0]), address(hostPort[0], Integer.parseInt(hostPort[1])),
                    name));
        }
        names.put(name, list);
        return this;
    }

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

    static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }
}
