package org.strowger.example.plugin.internal;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.example.plugin.api.MessageCounts;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.spi.SipMessageObserver;

/**
 * Observes every SIP message the transport receives and sends (the {@link SipMessageObserver}
 * whiteboard) and counts requests by method (RFC 3261 §7.1) and responses by status class
 * (RFC 3261 §7.2), for each direction. One component, two services: the observer Strowger calls,
 * and {@link MessageCounts} for other bundles and the {@code example:counts} command.
 *
 * <p>Runs on the transport's I/O threads: it never blocks and takes no lock.
 */
@Component(service = {SipMessageObserver.class, MessageCounts.class})
public final class MessageCounter implements SipMessageObserver, MessageCounts {

    private static final Logger LOG = LoggerFactory.getLogger(MessageCounter.class);

    private final Tally received = new Tally("in");
    private final Tally sent = new Tally("out");

    @Activate
    public MessageCounter() {
        LOG.debug("component=MessageCounter active: counting SIP messages in and out");
    }

    @Deactivate
    void deactivate() {
        LOG.debug("component=MessageCounter inactive: {}", snapshot());
    }

    @Override
    public void onReceived(SipMessage message, Flow flow) {
        count(received, message, flow);
    }

    @Override
    public void onSent(SipMessage message, Flow flow) {
        count(sent, message, flow);
    }

    @Override
    public Map<String, Long> snapshot() {
        TreeMap<String, Long> counts = new TreeMap<>();
        received.addTo(counts);
        sent.addTo(counts);
        return Collections.unmodifiableMap(counts);
    }

    /**
     * The key part for a method: its name for the methods defined by an RFC, else
     * {@value MessageCounts#OTHER_METHOD}, so arbitrary method tokens from the network cannot
     * grow the counts without bound.
     */
    static String methodKey(SipMethod method) {
        return method.isKnown() ? method.name() : OTHER_METHOD;
    }

    private static void count(Tally tally, SipMessage message, Flow flow) {
        if (message instanceof SipRequest request) {
            tally.request(methodKey(request.method()));
        } else if (message instanceof SipResponse response) {
            if (!tally.response(response.statusCode())) {
                LOG.debug("flow={} status={} is not a status code: not counted", flow, response.statusCode());
            }
        }
    }
}
