package org.strowger.sip.transaction.internal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.platform.api.Clock;
import org.strowger.platform.api.Ids;
import org.strowger.platform.api.Metrics;
import org.strowger.platform.api.SerialExecutors;
import org.strowger.platform.api.TimerService;
import org.strowger.sip.dns.api.SipResolver;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipUri;
import org.strowger.sip.transaction.api.ClientTransaction;
import org.strowger.sip.transaction.api.ClientTransactionUser;
import org.strowger.sip.transaction.api.TransactionInfo;
import org.strowger.sip.transaction.api.TransactionLayer;
import org.strowger.sip.transaction.spi.ServerTransactionUser;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.InboundMessage;
import org.strowger.sip.transport.api.SipTransport;
import org.strowger.sip.transport.api.Transport;
import org.strowger.sip.transport.spi.SipMessageHandler;

/**
 * The transaction layer as a DS component (PID {@code org.strowger.sip.transaction}): publishes
 * {@link TransactionLayer} and, with {@code service.ranking 0}, the transport's
 * {@link SipMessageHandler} (the stateless placeholder core has -100 and loses).
 *
 * <p>The {@link ServerTransactionUser} is bound by {@link TransactionUserBinding} (dynamic, optional,
 * greedy: the highest ranking wins, replaced live), a component of its own so that binding it never
 * happens while this one is being activated (an SCR cycle: the user requires {@code TransactionLayer}).
 * While none is bound new requests get 503 with Retry-After. A configuration change restarts the layer (live transactions are dropped).
 */
@Component(service = {TransactionLayer.class, SipMessageHandler.class, TransactionUserHost.class}, configurationPid = TransactionLayerConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "service.ranking:Integer=0")
@Designate(ocd = TransactionLayerConfig.class)
public final class TransactionLayerComponent implements TransactionLayer, SipMessageHandler, TransactionUserHost {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionLayerComponent.class);

    private final DefaultTransactionLayer layer;

    @Activate
    public TransactionLayerComponent(TransactionLayerConfig config, @Reference(name = "transport") SipTransport transport,
            @Reference(name = "timer") TimerService timer, @Reference(name = "executors") SerialExecutors executors,
            @Reference(name = "ids") Ids ids, @Reference(name = "metrics") Metrics metrics,
            @Reference(name = "clock") Clock clock, @Reference(name = "resolver") SipResolver resolver) {
        LayerSettings settings;
        try {
            settings = LayerSettings.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            throw e;
        }
        this.layer = new DefaultTransactionLayer(transport, timer, executors, ids, metrics, clock, resolver, settings);
        LOG.debug("sip transaction layer started: {}", settings);
    }

    /** Called by {@link TransactionUserBinding}. */
    @Override
    public void setUser(ServerTransactionUser user) {
        layer.setUser(user);
    }

    @Override
    public void clearUser(ServerTransactionUser user) {
        layer.clearUser(user);
    }

    @Deactivate
    void deactivate() {
        layer.close();
    }

    @Override
    public void onMessage(InboundMessage message) {
        layer.onMessage(message);
    }

    @Override
    public ClientTransaction sendRequest(SipRequest request, ClientTransactionUser user) {
        return layer.sendRequest(request, user);
    }

    @Override
    public ClientTransaction sendRequest(SipRequest request, SipUri nextHop, ClientTransactionUser user) {
        return layer.sendRequest(request, nextHop, user);
    }

    @Override
    public ClientTransaction sendRequest(SipRequest request, InetSocketAddress destination, Transport transport,
            ClientTransactionUser user) {
        return layer.sendRequest(request, destination, transport, user);
    }

    @Override
    public CompletionStage<Flow> sendStateless(SipRequest request) {
        return layer.sendStateless(request);
    }

    @Override
    public Executor executorFor(String callId) {
        return layer.executorFor(callId);
    }

    @Override
    public List<TransactionInfo> transactions() {
        return layer.transactions();
    }
}
