package org.strowger.sip.dialog.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.dialog.spi.CallHandler;

/**
 * Binds the {@link CallHandler} (the highest {@code service.ranking}, replaced live) to the running
 * user agent. A component of its own so that binding a handler never happens while the user agent is
 * being activated: an application that requires {@code UserAgent} (the PBX will) would otherwise
 * make Felix SCR report a cycle and leave the handler unbound — the trap sip-transport's
 * {@code UpperLayerBinding} and sip-transaction's {@code TransactionUserBinding} avoid the same way.
 */
@Component(service = {})
public final class CallHandlerBinding {

    private static final Logger LOG = LoggerFactory.getLogger(CallHandlerBinding.class);

    private final CallHandlerHost host;

    @Activate
    public CallHandlerBinding(@Reference(name = "host") CallHandlerHost host) {
        this.host = host;
    }

    @Reference(name = "handler", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindHandler(CallHandler handler) {
        host.setCallHandler(handler);
        LOG.debug("call handler bound: {}", handler.getClass().getName());
    }

    void unbindHandler(CallHandler handler) {
        host.clearCallHandler(handler);
        LOG.debug("call handler unbound: {}", handler.getClass().getName());
    }
}
