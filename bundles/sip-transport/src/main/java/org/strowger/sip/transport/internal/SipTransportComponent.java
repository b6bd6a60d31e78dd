package org.strowger.sip.transport.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
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
import org.strowger.platform.api.SerialExecutors;
import org.strowger.platform.api.TimerService;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.HostPort;
import org.strowger.sip.transport.api.ListenerInfo;
import org.strowger.sip.transport.api.SipTrace;
import org.strowger.sip.transport.api.SipTransport;
import org.strowger.sip.transport.api.TraceFilter;
import org.strowger.sip.transport.api.Transport;
import org.strowger.sip.transport.spi.SipMessageHandler;
import org.strowger.sip.transport.spi.SipMessageObserver;

/**
 * The shared SIP transport (PID {@code org.strowger.sip.transport}): owns the I/O threads and the
 * connection table, publishes {@link SipTransport} and {@link SipTrace}, and hosts the listeners of
 * {@link SipListenerComponent}. A configuration change restarts it, and with it every listener.
 * The upper layer and the observers are bound by {@link UpperLayerBinding}, never here: see there why.
 */
@Component(configurationPid = TransportConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {SipTransport.class, SipTrace.class, ListenerHost.class})
@Designate(ocd = TransportConfig.class)
public final class SipTransportComponent implements SipTransport, SipTrace, ListenerHost {

    private static final Logger LOG = LoggerFactory.getLogger(SipTransportComponent.class);

    private final TransportCore core;

    /**
     * @param timer     the runtime's shared timer (periodic refresh of the local addresses, RFC 3261 §18.1.2)
     * @param executors one of them runs that refresh, so it never runs on an I/O thread
     */
    @Activate
    public SipTransportComponent(TransportConfig config, @Reference(name = "metrics") Metrics metrics,
            @Reference(name = "timer") TimerService timer, @Reference(name = "executors") SerialExecutors executors) {
        TransportSettings settings;
        try {
            settings = TransportSettings.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            throw e;
        }
        this.core = new TransportCore(settings, metrics, Clock.SYSTEM, timer,
                executors.forKey(SipTransportComponent.class.getName()));
        LOG.debug("sip transport started: {}", settings);
    }

    @Deactivate
    void deactivate() {
        core.close();
        LOG.debug("sip transport stopped");
    }

    @Override
    public CompletionStage<Flow> sendRequest(SipRequest request, InetSocketAddress destination, Transport transport) {
        return core.sendRequest(request, destination, transport);
    }

    @Override
    public CompletionStage<Flow> sendResponse(SipResponse response, Flow requestFlow) {
        return core.sendResponse(response, requestFlow);
    }

    @Override
    public Optional<HostPort> advertisedAddress(Transport transport, InetAddress destination) {
        return core.advertisedAddress(transport, destination);
    }

    @Override
    public List<ListenerInfo> listeners() {
        return core.listeners();
    }

    @Override
    public void enable(TraceFilter filter) {
        core.tracer().enable(filter);
    }

    @Override
    public void disable() {
        core.tracer().disable();
    }

    @Override
    public Optional<TraceFilter> current() {
        return core.tracer().current();
    }

    @Override
    public Listener open(ListenerSettings settings) {
        return core.open(settings);
    }

    @Override
    public void close(Listener listener) {
        core.close(listener);
    }

    @Override
    public void setHandler(SipMessageHandler handler) {
        core.setHandler(handler);
    }

    @Override
    public void clearHandler(SipMessageHandler handler) {
        core.clearHandler(handler);
    }

    @Override
    public void addObserver(SipMessageObserver observer) {
        core.addObserver(observer);
    }

    @Override
    public void removeObserver(SipMessageObserver observer) {
        core.removeObserver(observer);
    }
}
