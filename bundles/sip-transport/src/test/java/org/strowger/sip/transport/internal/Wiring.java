package org.strowger.sip.transport.internal;

import org.strowger.platform.testkit.SimpleMetrics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.strowger.platform.api.Clock;
import org.strowger.sip.message.api.SipCodecConfig;
import org.strowger.sip.message.api.SipParser;
import org.strowger.sip.transport.api.InboundMessage;

/** The inbound/outbound objects of a transport without I/O threads, for EmbeddedChannel tests. */
final class Wiring {

    final SimpleMetrics metrics = new SimpleMetrics();
    final TransportSettings settings;
    final Listeners listeners = new Listeners();
    final Tracer tracer = new Tracer();
    final Observers observers = new Observers();
    final HandlerSlot handler = new HandlerSlot();
    final ConnectionTable connections;
    final Receiver receiver;
    final Sender sender;
    final List<InboundMessage> delivered = new CopyOnWriteArrayList<>();

    Wiring(TransportSettings settings) {
        this.settings = settings;
        this.connections = new ConnectionTable(settings.maxConnections(), settings.maxConnectionsPerSource());
        SipParser parser = new SipParser(new SipCodecConfig(settings.maxMessageSize(), settings.maxHeaderCount(),
                settings.maxLineLength(), settings.maxBodySize()));
        receiver = new Receiver(settings, parser, listeners, tracer, observers, handler, Clock.SYSTEM);
        StreamPipeline pipeline = new StreamPipeline(settings, connections, receiver);
        sender = new Sender(null, listeners, connections, pipeline, tracer, observers);
        receiver.setSender(sender);
        handler.set(delivered::add);
    }

    Wiring() {
        this(TransportSettings.defaults());
    }

    StreamPipeline pipeline() {
        return new StreamPipeline(settings, connections, receiver);
    }
}
