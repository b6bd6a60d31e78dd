package org.strowger.sip.transaction.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.SipTransport;

/** Sends a response that belongs to no transaction (the layer's own 503s); a failure is only logged. */
final class StatelessSender {

    private static final Logger LOG = LoggerFactory.getLogger(StatelessSender.class);

    private StatelessSender() {
    }

    static void send(SipTransport transport, SipResponse response, Flow flow) {
        try {
            transport.sendResponse(response, flow).whenComplete((sent, error) -> {
                if (error != null) {
                    LOG.debug("call={} {} to {} not sent: {}", response.callId(), response.statusCode(), flow,
                            AbstractTransaction.describe(error));
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("call={} {} to {} not sent: {}", response.callId(), response.statusCode(), flow, e.toString());
        }
    }
}
