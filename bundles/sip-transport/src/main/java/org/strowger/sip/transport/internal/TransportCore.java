package org.strowger.sip.transport.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.platform.api.Clock;
import org.strowger.platform.api.Metrics;
import org.strowger.platform.api.TimerService;
import org.strowger.sip.message.api.SipCodecConfig;
import org.strowger.sip.message.api.SipParser;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.HostPort;
import org.strowger.sip.transport.api.ListenerInfo;
import org.strowger.sip.transport.api.SipTransport;
import org.strowger.sip.transport.api.Transport;
import org.strowger.sip.transport.spi.SipMessageHandler;
import org.strowger.sip.transport.spi.SipMessageObserver;

/**
 * The transport engine without OSGi: I/O threads, listeners, connections, inbound and outbound
 * processing. {@link SipTransportComponent} publishes it; tests use it directly.
 */
final class TransportCore implements SipTransport, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransportCore.class);

    private final TransportSettings settings;
    private final Metrics metrics;
    private final IoGroups io;
    private final Listeners listeners;
    private final ConnectionTable connections;
    private final Tracer tracer = new Tracer();
    private final Observers observers = new Observers();
    private final HandlerSlot handler = new HandlerSlot();
    private final Receiver receiver;
    private final StreamPipeline pipeline;
    private final Sender sender;

    /**
     * @param timer       the shared timer: refreshes the local address snapshot every localAddressRefresh
     * @param housekeeping where that refresh runs (reads the network interfaces): not an I/O thread
     */
    TransportCore(TransportSettings settings, Metrics metrics, Clock clock, TimerService timer, Executor housekeeping) {
        this.settings = settings;
        this.metrics = metrics;
        this.listeners = new Listeners(LocalAddresses.ofSystem());
        this.connections = new ConnectionTable(settings.maxConnections(), settings.maxConnectionsPerSource());
        SipParser parser = new SipParser(new SipCodecConfig(settings.maxMessageSize(), settings.maxHeaderCount(),
                settings.maxLineLength(), settings.maxBodySize()));
        this.receiver = new Receiver(settings, parser, listeners, tracer, observers, handler, clock);
        this.pipeline = new StreamPipeline(settings, connections, receiver);
        this.io = new IoGroups(settings.effectiveIoThreads(), settings.shutdownTimeout());
        this.sender = new Sender(io, listeners, connections, pipeline, tracer, observers);
        receiver.setSender(sender);
        listeners.local().start(timer, housekeeping, settings.localAddressRefresh());
    }

    /** Binds a listener; fails with a message naming the listener, the address and the fix. */
    Listener open(ListenerSettings s) {
        ListenerCounters counters = new ListenerCounters(metrics, s.name());
        Listener listener = s.transport() == Transport.UDP ? new UdpListener(s, counters)
                : new TcpListener(s, counters, connections);
        listeners.add(listener);
        try {
            if (listener instanceof UdpListener udp) {
                udp.bind(io, receiver);
            } else {
                ((TcpListener) listener).bind(io, pipeline);
            }
            return listener;
        } catch (RuntimeException e) {
            listeners.remove(listener);
            throw e;
        }
    }

    /** Closes a listener's socket (and its connections). */
    void close(Listener listener) {
        listeners.remove(listener);
        listener.close();
        LOG.info("listener={} closed", listener.name());
    }

    @Override
    public CompletionStage<Flow> sendRequest(SipRequest request, InetSocketAddress destination, Transport transport) {
        return sender.sendRequest(request, destination, transport);
    }

    @Override
    public CompletionStage<Flow> sendResponse(SipResponse response, Flow requestFlow) {
        return sender.sendResponse(response, requestFlow);
    }

    @Override
    public Optional<HostPort> advertisedAddress(Transport transport, InetAddress destination) {
        return sender.advertisedAddress(transport, destination);
    }

    @Override
    public List<ListenerInfo> listeners() {
        return listeners.infos();
    }

    Tracer tracer() {
        return tracer;
    }

    void setHandler(SipMessageHandler h) {
        handler.set(h);
    }

    void clearHandler(SipMessageHandler h) {
        handler.clear(h);
    }

    void addObserver(SipMessageObserver o) {
        observers.add(o);
    }

    void removeObserver(SipMessageObserver o) {
        observers.remove(o);
    }

    int openConnections() {
        return connections.size();
    }

    IoGroups ioGroups() {
        return io;
    }

    TransportSettings settings() {
        return settings;
    }

    /** Closes every listener and stops the I/O threads (bounded by shutdownTimeout). */
    @Override
    public void close() {
        listeners.local().stop();
        for (Listener l : listeners.all()) {
            close(l);
        }
        io.close();
    }
}
