package org.strowger.sip.transaction.testkit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * A {@link SipTransport} on a {@link SipTestNetwork}: rewrites the top Via of requests to its own
 * address and transport as the real transport does (RFC 3261 §18.1.1), records every message it sends
 * (as parsed copies, so later changes to the sent object do not show), and fails the sends a test
 * selects with {@link #failSends} or {@link #unreachable}. It sends only; what arrives at its address
 * goes to the handler {@link SipTestNetwork#attach attached} there. Sends complete at once.
 */
public final class LoopbackSipTransport implements SipTransport {

    /**
     * One message handed to this transport and carried (a failed send is not recorded).
     *
     * @param message     a parsed copy of what was sent
     * @param destination where it went
     * @param transport   over what
     */
    public record Sent(SipMessage message, InetSocketAddress destination, Transport transport) {

        /** The message as a request; fails with {@link ClassCastException} if it is a response. */
        public SipRequest request() {
            return (SipRequest) message;
        }

        /** The message as a response; fails with {@link ClassCastException} if it is a request. */
        public SipResponse response() {
            return (SipResponse) message;
        }

        /** Whether this is a request with that method name, e.g. {@code "INVITE"}. */
        public boolean isRequest(String method) {
            return message instanceof SipRequest r && r.method().name().equals(method);
        }

        /** Whether this is a response with that status code. */
        public boolean isResponse(int status) {
            return message instanceof SipResponse r && r.statusCode() == status;
        }
    }

    private final SipTestNetwork network;
    private final InetSocketAddress address;
    private final List<Sent> sent = new ArrayList<>();
    private final Set<InetSocketAddress> unreachable = new HashSet<>();
    private Predicate<SipMessage> failing = m -> false;
    private int failed;

    /** A transport sending from {@code address} over {@code network}. */
    public LoopbackSipTransport(SipTestNetwork network, InetSocketAddress address) {
        this.network = network;
        this.address = address;
    }

    /** The local address: source of every message, sent-by of every Via this transport writes. */
    public InetSocketAddress address() {
        return address;
    }

    /** Every message sent so far, in order (an unmodifiable live view). */
    public List<Sent> sent() {
        return Collections.unmodifiableList(sent);
    }

    /** The messages sent so far that match {@code which}, in order (a copy). */
    public List<Sent> sent(Predicate<Sent> which) {
        return sent.stream().filter(which).toList();
    }

    /** How many messages sent so far match {@code which}. */
    public long count(Predicate<Sent> which) {
        return sent.stream().filter(which).count();
    }

    /** The message sent last; fails if none was sent. */
    public Sent last() {
        if (sent.isEmpty()) {
            throw new IllegalStateException("nothing sent from " + address);
        }
        return sent.get(sent.size() - 1);
    }

    /**
     * From now on, sends of messages matching {@code which} fail: the stage completes exceptionally
     * with {@link SipTransportException} and nothing is carried. Replaces the previous predicate.
     */
    public void failSends(Predicate<SipMessage> which) {
        this.failing = which;
    }

    /** From now on, sends to {@code destination} fail, like a refused TCP connection or an unroutable address. */
    public void unreachable(InetSocketAddress destination) {
        unreachable.add(destination);
    }

    /** How many sends have failed so far. */
    public int failed() {
        return failed;
    }

    /** Writes this transport's address and {@code transport} into the top Via, then sends. */
    @Override
    public CompletionStage<Flow> sendRequest(SipRequest request, InetSocketAddress destination, Transport transport) {
        Via top = request.topVia();
        request.setTopVia(new Via(top.protocolName(), top.protocolVersion(), transport.name(),
                address.getAddress().getHostAddress(), address.getPort(), top.params()));
        return send(request, destination, transport);
    }

    /** Sends to the remote address of {@code requestFlow} over its transport. */
    @Override
    public CompletionStage<Flow> sendResponse(SipResponse response, Flow requestFlow) {
        return send(response, requestFlow.remote(), requestFlow.transport());
    }

    /** This transport's address, whatever the destination. */
    @Override
    public Optional<HostPort> advertisedAddress(Transport transport, InetAddress destination) {
        return Optional.of(new HostPort(address.getAddress().getHostAddress(), address.getPort()));
    }

    /** None: this transport listens nowhere. */
    @Override
    public List<ListenerInfo> listeners() {
        return List.of();
    }

    private CompletionStage<Flow> send(SipMessage message, InetSocketAddress destination, Transport transport) {
        if (failing.test(message) || unreachable.contains(destination)) {
            failed++;
            return CompletableFuture.failedFuture(new SipTransportException("test: cannot reach " + destination));
        }
        byte[] bytes = message.encode();
        sent.add(new Sent(network.parse(bytes), destination, transport));
        network.carry(bytes, transport, address, destination);
        return CompletableFuture.completedFuture(
                new Flow(transport, address, destination, SipTestNetwork.connectionId(transport)));
    }
}
