package org.strowger.sip.stateless.internal;

import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.platform.api.Counter;
import org.strowger.platform.api.Metrics;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transport.api.InboundMessage;
import org.strowger.sip.transport.api.SipTransport;
import org.strowger.sip.transport.spi.SipMessageHandler;

/**
 * The minimal stateless core (RFC 3261 §8.2.7): the upper layer of the transport until the
 * transaction and dialog layers exist. It answers OPTIONS with 200 and its capabilities (§11.2),
 * other requests with 501, ignores ACK and CANCEL, and drops responses, which it has no client
 * transaction to match (§18.1.2). It runs on the transport's I/O thread: it never blocks.
 *
 * <p>Registered with a low service ranking so that any later core (the transaction layer)
 * registered with a higher ranking takes over the transport's messages.
 */
@Component(service = SipMessageHandler.class, configurationPid = StatelessCoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "service.ranking:Integer=-100")
@Designate(ocd = StatelessCoreConfig.class)
public final class StatelessCore implements SipMessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StatelessCore.class);

    private final SipTransport transport;
    private final StatelessResponder responder;
    private final Counter optionsAnswered;
    private final Counter notImplemented;
    private final Counter badExtension;
    private final Counter ignored;
    private final Counter responsesDropped;

    @Activate
    public StatelessCore(@Reference SipTransport transport, @Reference Metrics metrics,
            StatelessCoreConfig config) {
        this(transport, metrics, new StatelessResponder(list(config.allow()), list(config.accept()),
                list(config.supported()), config.server().trim()));
    }

    StatelessCore(SipTransport transport, Metrics metrics, StatelessResponder responder) {
        this.transport = transport;
        this.responder = responder;
        this.optionsAnswered = metrics.counter("sip.stateless.options_answered");
        this.notImplemented = metrics.counter("sip.stateless.not_implemented");
        this.badExtension = metrics.counter("sip.stateless.bad_extension");
        this.ignored = metrics.counter("sip.stateless.ack_cancel_ignored");
        this.responsesDropped = metrics.counter("sip.stateless.responses_dropped");
    }

    @Override
    public void onMessage(InboundMessage inbound) {
        SipMessage message = inbound.message();
        if (!(message instanceof SipRequest request)) {
            responsesDropped.increment();
            LOG.debug("call={} flow={} response dropped: no client transaction in the stateless core",
                    message.callId(), inbound.flow());
            return;
        }
        StatelessResponder.Decision d = responder.decide(request);
        switch (d.outcome()) {
            case ANSWERED_OPTIONS -> optionsAnswered.increment();
            case NOT_IMPLEMENTED -> notImplemented.increment();
            case BAD_EXTENSION -> badExtension.increment();
            case IGNORED -> ignored.increment();
        }
        d.response().ifPresent(r -> send(r, inbound));
    }

    private void send(SipResponse response, InboundMessage inbound) {
        transport.sendResponse(response, inbound.flow()).whenComplete((flow, error) -> {
            if (error != null) {
                LOG.warn("call={} flow={} could not send {}: {}", response.callId(), inbound.flow(),
                        response.statusCode(), error.toString());
            }
        });
    }

    /** Config arrays may carry empty strings from an empty cfg value; they are not list items. */
    private static List<String> list(String[] values) {
        return Arrays.stream(values).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
