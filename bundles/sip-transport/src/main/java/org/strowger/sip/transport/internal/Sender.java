package org.strowger.sip.transport.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.message.api.ParseResult;
import org.strowger.sip.message.api.SipCodecConfig;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipParser;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.Via;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.HostPort;
import org.strowger.sip.transport.api.SipTransportException;
import org.strowger.sip.transport.api.Transport;

/** Outbound: RFC 3261 §18.1.1 for requests, §18.2.2 / RFC 3581 §4 for responses, connection reuse. */
final class Sender {

    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

    /** RFC 3261 §18.1.1: larger requests go over a congestion-controlled transport when the path MTU is unknown. */
    static final int UDP_SIZE_LIMIT = 1300;

    /** Reads back what we encoded for the observers' copy: limits no outbound message reaches. */
    private static final SipParser COPIER = new SipParser(new SipCodecConfig(64 * 1024 * 1024, 1_000_000,
            64 * 1024 * 1024, 64 * 1024 * 1024));

    private final IoGroups io;
    private final Listeners listeners;
    private final ConnectionTable connections;
    private final StreamPipeline pipeline;
    private final Tracer tracer;
    private final Observers observers;
    private final LocalRoutes routes = new LocalRoutes();
    /** Connects in progress, shared by concurrent senders (package-private for tests). */
    final ConcurrentMap<InetSocketAddress, CompletableFuture<Connection>> connecting = new ConcurrentHashMap<>();

    Sender(IoGroups io, Listeners listeners, ConnectionTable connections, StreamPipeline pipeline, Tracer tracer,
            Observers observers) {
        this.io = io;
        this.listeners = listeners;
        this.connections = connections;
        this.pipeline = pipeline;
        this.tracer = tracer;
        this.observers = observers;
    }

    CompletionStage<Flow> sendRequest(SipRequest request, InetSocketAddress destination, Transport transport) {
        try {
            if (request == null || destination == null || transport == null) {
                throw new SipTransportException("request, destination and transport are required");
            }
            if (destination.isUnresolved()) {
                throw new SipTransportException("destination " + destination + " is unresolved; resolve it first (RFC 3263)");
            }
            if (request.topVia() == null) {
                throw new SipTransportException("request has no Via: the caller adds its Via with a branch first");
            }
            InetAddress ip = destination.getAddress();
            if (transport == Transport.UDP) {
                Listener udp = listeners.forSending(Transport.UDP, ip);
                if (udp == null) {
                    throw new SipTransportException("no UDP listener can reach " + Flow.format(destination));
                }
                setSentBy(request, udp, Transport.UDP, ip);
                Outbound out = outbound(request);
                Listener tcp = out.bytes().length > UDP_SIZE_LIMIT ? listeners.forSending(Transport.TCP, ip) : null;
                if (tcp == null) {
                    return writeUdp(udp, out, destination);
                }
                LOG.debug("request of {} bytes to {} switched from UDP to TCP (RFC 3261 §18.1.1)", out.bytes().length,
                        Flow.format(destination));
                // out is encoded now: the UDP fallback below runs later, on an I/O thread
                return sendTcpRequest(request, destination, tcp).handle((flow, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(flow);
                    }
                    LOG.debug("TCP to {} failed ({}), sending the request over UDP", Flow.format(destination), failure.toString());
                    return writeUdp(udp, out, destination);
                }).thenCompose(stage -> stage);
            }
            Listener tcp = listeners.forSending(Transport.TCP, ip);
            if (tcp == null) {
                throw new SipTransportException("no TCP listener can reach " + Flow.format(destination));
            }
            return sendTcpRequest(request, destination, tcp);
        } catch (SipTransportException | RuntimeException e) {
            return CompletableFuture.failedFuture(e instanceof SipTransportException ? e
                    : new SipTransportException("cannot send request: " + e.getMessage(), e));
        }
    }

    /**
     * The top Via is rewritten and the request encoded here, on the caller's thread: the caller owns
     * the request again as soon as this returns (it may retransmit, build a CANCEL or ACK from it),
     * so nothing that runs later on an I/O thread, such as the completion of a connect, may touch it.
     */
    private CompletionStage<Flow> sendTcpRequest(SipRequest request, InetSocketAddress destination, Listener tcp) {
        Connection open = connections.byRemote(destination);
        Listener from = open != null ? open.listener : tcp;
        setSentBy(request, from, Transport.TCP, destination.getAddress());
        Outbound out = outbound(request);
        return connection(destination, from).thenCompose(c -> writeTcp(c, out));
    }

    /** See {@link org.strowger.sip.transport.api.SipTransport#advertisedAddress}. */
    Optional<HostPort> advertisedAddress(Transport transport, InetAddress destination) {
        Listener listener = listeners.forSending(transport, destination);
        return listener == null ? Optional.empty()
                : Optional.of(new HostPort(listener.sentByHost(destination, routes), listener.sentByPort()));
    }

    /** RFC 3261 §18.1.1: the transport inserts sent-by (and the transport actually used) into the top Via. */
    private void setSentBy(SipRequest request, Listener listener, Transport transport, InetAddress destination) {
        Via top = request.topVia();
        Via rewritten = new Via(top.protocolName(), top.protocolVersion(), transport.name(),
                listener.sentByHost(destination, routes), listener.sentByPort(), top.params());
        request.setTopVia(rewritten);
    }

    CompletionStage<Flow> sendResponse(SipResponse response, Flow requestFlow) {
        try {
            if (response == null || requestFlow == null) {
                throw new SipTransportException("response and request flow are required");
            }
            Via top = response.topVia();
            if (top == null) {
                throw new SipTransportException("response has no Via");
            }
            ResponseRouting.Target target = ResponseRouting.route(top, requestFlow);
            if (requestFlow.transport() == Transport.TCP) {
                Connection c = target.connectionId() > 0 ? connections.byId(target.connectionId()) : null;
                if (c == null) {
                    c = connections.byRemote(target.address());
                }
                if (c != null) {
                    return writeTcp(c, outbound(response));
                }
                Listener tcp = listeners.forSending(Transport.TCP, target.address().getAddress());
                if (tcp == null) {
                    throw new SipTransportException("connection of the request is closed and no TCP listener can reach "
                            + Flow.format(target.address()));
                }
                Outbound out = outbound(response); // now, not on the I/O thread that completes the connect
                return connection(target.address(), tcp).thenCompose(conn -> writeTcp(conn, out));
            }
            Listener udp = listeners.udpAt(requestFlow.local());
            if (udp == null) {
                udp = listeners.forSending(Transport.UDP, target.address().getAddress());
            }
            if (udp == null) {
                throw new SipTransportException("no UDP listener for " + requestFlow);
            }
            return writeUdp(udp, outbound(response), target.address());
        } catch (SipTransportException | RuntimeException e) {
            return CompletableFuture.failedFuture(e instanceof SipTransportException ? e
                    : new SipTransportException("cannot send response: " + e.getMessage(), e));
        }
    }

    /** Writes on a given connection (framing error answers, which must precede the close). */
    CompletionStage<Flow> sendOnConnection(SipResponse response, Connection connection) {
        return writeTcp(connection, outbound(response));
    }

    /**
     * What the I/O thread may use of a message being sent, taken on the caller's thread when it is
     * encoded: the bytes, the method for the trace filter and, when observers are registered, a copy
     * read back from the bytes (nobody else holds it, so observers never race with the owner's edits).
     */
    private record Outbound(byte[] bytes, String method, SipMessage copy) {
    }

    private Outbound outbound(SipMessage message) {
        byte[] bytes = message.encode();
        String method = tracer.isOn() ? Tracer.methodOf(message) : null;
        SipMessage copy = null;
        if (!observers.isEmpty()) {
            ParseResult parsed = COPIER.parse(bytes, 0, bytes.length);
            if (parsed.isSuccess()) {
                copy = parsed.message();
            } else {
                LOG.debug("sent message not readable for observers ({} {}), they will not see it",
                        parsed.failure().statusCode(), parsed.failure().reason());
            }
        }
        return new Outbound(bytes, method, copy);
    }

    private CompletionStage<Flow> writeUdp(Listener listener, Outbound out, InetSocketAddress to) {
        byte[] bytes = out.bytes();
        if (bytes.length > TransportSettings.MAX_DATAGRAM) {
            listener.counters().sendFailures.increment();
            return CompletableFuture.failedFuture(new SipTransportException(
                    "message of " + bytes.length + " bytes does not fit in a UDP datagram"));
        }
        Channel channel = listener.channelFor(to);
        Flow flow = new Flow(Transport.UDP, listener.localAddress(), to, 0);
        CompletableFuture<Flow> done = new CompletableFuture<>();
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), to))
                .addListener(f -> completed(f.isSuccess(), f.cause(), listener, out, flow, done));
        return done;
    }

    private CompletionStage<Flow> writeTcp(Connection c, Outbound out) {
        CompletableFuture<Flow> done = new CompletableFuture<>();
        if (!c.channel.isWritable()) { // more than maxPendingBytesPerConnection queued: the peer does not read
            c.listener.counters().dropped.increment();
            done.completeExceptionally(new SipTransportException(c + " send queue full (maxPendingBytesPerConnection)"));
            return done;
        }
        c.channel.writeAndFlush(Unpooled.wrappedBuffer(out.bytes()))
                .addListener(f -> completed(f.isSuccess(), f.cause(), c.listener, out, c.flow, done));
        return done;
    }

    /** On an I/O thread: uses only {@code out}, never the caller's message (its owner may be editing it). */
    private void completed(boolean success, Throwable cause, Listener listener, Outbound out, Flow flow,
            CompletableFuture<Flow> done) {
        if (!success) {
            listener.counters().sendFailures.increment();
            LOG.debug("listener={} flow={} send failed: {}", listener.name(), flow, String.valueOf(cause));
            done.completeExceptionally(new SipTransportException("send to " + Flow.format(flow.remote()) + " failed", cause));
            return;
        }
        listener.counters().messagesOut.increment();
        tracer.sent(out.method(), out.bytes(), flow); // the bytes on the wire, not a re-encoding
        if (out.copy() != null) {
            observers.sent(out.copy(), flow);
        }
        done.complete(flow);
    }

    /** An open connection to {@code remote} (RFC 5923 spirit: reuse), else a new one; concurrent callers share one connect. */
    CompletableFuture<Connection> connection(InetSocketAddress remote, Listener listener) {
        Connection open = connections.byRemote(remote);
        if (open != null) {
            return CompletableFuture.completedFuture(open);
        }
        CompletableFuture<Connection> mine = new CompletableFuture<>();
        CompletableFuture<Connection> pending = connecting.putIfAbsent(remote, mine);
        if (pending != null) {
            return pending;
        }
        Bootstrap b = new Bootstrap()
                .group(io.workers())
                .channel(io.socketChannel())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        pipeline.init(ch, listener, false);
                    }
                });
        pipeline.options(b);
        ChannelFuture f = b.connect(remote);
        f.addListener(done -> {
            connecting.remove(remote, mine);
            if (!done.isSuccess()) {
                listener.counters().sendFailures.increment();
                mine.completeExceptionally(new SipTransportException("TCP connect to " + Flow.format(remote) + " failed",
                        done.cause()));
                return;
            }
            Connection c = connections.register(f.channel(), listener, false);
            if (c == null) {
                listener.counters().connectionsRefused.increment();
                f.channel().close();
                mine.completeExceptionally(new SipTransportException("TCP connection limit reached (maxConnections)"));
                return;
            }
            LOG.debug("listener={} {} connected", listener.name(), c);
            mine.complete(c);
        });
        return mine;
    }
}
