package org.strowger.sip.transport.spi;

import org.osgi.annotation.versioning.ConsumerType;
import org.strowger.sip.transport.api.InboundMessage;

/**
 * The upper layer that receives every accepted inbound message (RFC 3261 §18.2.1 passes requests to
 * the server transaction layer, §18.1.2 responses to the client transaction layer). Exactly one is
 * used: the service with the highest {@code service.ranking}. While none is registered the transport
 * answers requests with {@code 503 Service Unavailable} and drops responses.
 *
 * <p>Called on a transport I/O thread: implementations must not block; hand work to the serial
 * executor of the message's Call-ID.
 */
@ConsumerType
@FunctionalInterface
public interface SipMessageHandler {

    void onMessage(InboundMessage message);
}
