package org.strowger.sip.transport.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.transport.spi.SipMessageHandler;
import org.strowger.sip.transport.spi.SipMessageObserver;

/**
 * Binds the upper layer ({@link SipMessageHandler}, the highest {@code service.ranking}, replaced
 * live when a better one appears) and the {@link SipMessageObserver} whiteboard to the running
 * transport.
 *
 * <p>This is a component of its own, not references of {@link SipTransportComponent}, because an
 * upper layer needs the transport to answer: the stateless core, and later the transaction layer,
 * require {@code SipTransport}. Bound during the transport's own activation, getting the handler
 * would activate it, which would ask for the transport still being activated: Felix SCR detects
 * that cycle ("ServiceFactory.getService() resulted in a cycle") and leaves the handler unbound for
 * good, so every request got 503. Here the transport is already active when a handler is bound.
 */
@Component(service = {})
public final class UpperLayerBinding {

    private static final Logger LOG = LoggerFactory.getLogger(UpperLayerBinding.class);

    private final ListenerHost host;

    @Activate
    public UpperLayerBinding(@Reference(name = "host") ListenerHost host) {
        this.host = host;
    }

    @Reference(name = "handler", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindHandler(SipMessageHandler handler) {
        host.setHandler(handler);
        LOG.debug("sip message handler bound: {}", handler.getClass().getName());
    }

    void unbindHandler(SipMessageHandler handler) {
        host.clearHandler(handler);
        LOG.debug("sip message handler unbound: {}", handler.getClass().getName());
    }

    @Reference(name = "observer", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindObserver(SipMessageObserver observer) {
        host.addObserver(observer);
    }

    void unbindObserver(SipMessageObserver observer) {
        host.removeObserver(observer);
    }
}
