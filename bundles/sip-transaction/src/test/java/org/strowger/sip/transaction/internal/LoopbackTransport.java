package org.strowger.sip.transaction.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.Via;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.HostPort;
import org.strowger.sip.transport.api.ListenerInfo;
import org.strowger.sip.transport.api.SipTransport;
import org.strowger.sip.transport.api.SipTransportException;
import org.strowger.sip.transport.api.Transport;

/**
 * A {@link SipTransport} on a {@link Network}: rewrites the top Via of requests to its own address as
 * the real transport does (RFC 3261 §18.1.1), records every message it sends (as parsed copies), and
 * fails the sends a test selects with {@link #failSends}.
 */
final class LoopbackTransport implements SipTransport {

    /** One message handed to this transport. */
    record Sent(SipMessage message, InetSocketAddress destination, Transport transport) {

        SipRequest request() {
            return (SipRequest) message;
        }

        SipResponse response() {
            return (SipResponse) message;
        }

        boolean isRequest(String method) {
            return message instanceof SipRequest r && r.method().name().equals(method);
        }

        boolean isResponse(int status) {
            return message instanceof SipResponse r && r.statusCode() == status;
        }
    }

    final InetSocketAddress address;
    private final Network network;
    final List<Sent> sent = new ArrayList<>();
    private Predicate<SipMessage> failing = m -> false;
    /** Destinations a send to fails, like a refused TCP connection or an unroutable address. */
    final java.util.Set<InetSocketAddress> unreachable = new java.util.HashSet<>();
    int failed;

    LoopbackTransport(Network network, InetSocketAddress address) {
        this.network = network;
        this.address = address;
    }

    /** Sends of messages matching {@code which} fail (the stage completes with SipTransportException). */
    void failSends(Predicate<SipMessage> which) {
        this.failing = which;
    }

    @Override
    public CompletionStage<Flow> sendRequest(SipRequest request, InetSocketAddress destination, Transport transport) {
        Via top = request.topVia();
        request.setTopVia(new Via(top.protocolName(), top.protocolVersion(), transport.name(),
                address.getAddress().getHostAddress(), address.getPort(), top.params()));
        return send(request, destination, transport);
    }

    @Override
    public CompletionStage<Flow> sendResponse(SipResponse response, Flow requestFlow) {
        return send(response, requestFlow.remote(), requestFlow.transport());
    }

    private CompletionStage<Flow> send(SipMessage message, InetSocketAddress destination, Transport transport) {
        if (failing.test(message) || unreachable.contains(destination)) {
            failed++;
            return CompletableFuture.failedFuture(new SipTransportException("test: cannot reach " + destination));
        }
        byte[] bytes = message.encode();
        sent.add(new Sent(network.parse(bytes), destination, transport));
        network.carry(bytes, transport, address, destination);
        return CompletableFuture.completedFuture(new Flow(transport, address, destination, Network.connectionId(transport)));
    }

    @Override
    public java.util.Optional<HostPort> advertisedAddress(Transport transport, java.net.InetAddress destination) {
        return java.util.Optional.of(new HostPort(address.getAddress().getHostAddress(), address.getPort()));
    }

    @Override
    public List<ListenerInfo> listeners() {
        return List.of();
    }

    /** The messages sent so far that match {@code which}. */
    List<Sent> sent(Predicate<Sent> which) {
        return sent.stream().filter(which).toList();
    }

    long count(Predicate<Sent> which) {
        return sent.stream().filter(which).count();
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }
}
