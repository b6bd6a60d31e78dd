package org.strowger.sip.transport.api;

import java.util.Objects;
import org.strowger.sip.message.api.SipMessage;

/**
 * A message the transport received and accepted (RFC 3261 §18.2.1 / §18.1.2 checks done, Via
 * {@code received}/{@code rport} already added to requests).
 *
 * @param message       the parsed message
 * @param flow          where it came from; pass it to {@link SipTransport#sendResponse} to answer
 * @param receivedNanos {@link org.strowger.platform.api.Clock#nanoTime()} when it was read from the socket
 */
public record InboundMessage(SipMessage message, Flow flow, long receivedNanos) {

    public InboundMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(flow, "flow");
    }
}
