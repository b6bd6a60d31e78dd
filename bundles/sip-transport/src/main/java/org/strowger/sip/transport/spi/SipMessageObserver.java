package org.strowger.sip.transport.spi;

import org.osgi.annotation.versioning.ConsumerType;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.transport.api.Flow;

/**
 * Whiteboard: every registered observer sees every accepted inbound message and every message sent
 * (for statistics, capture, homer-style mirroring). Both methods are called on a transport I/O thread:
 * they must not block and must not modify the message. Exceptions are caught and logged.
 */
@ConsumerType
public interface SipMessageObserver {

    /** A message was received and accepted, before it is given to the {@link SipMessageHandler}. */
    default void onReceived(SipMessage message, Flow flow) {
    }

    /**
     * A message was written to the network. Called on the I/O thread of the socket or connection, once the
     * write has succeeded (not for a failed write), possibly after {@code sendRequest}/{@code sendResponse}
     * has returned. {@code message} is not the caller's object but a private copy read back from the bytes
     * encoded when the caller sent it: it shows exactly what went on the wire (with the Via sent-by the
     * transport wrote, RFC 3261 §18.1.1) and never a later edit by the message's owner. Observers may keep it.
     * {@code flow} is the flow the bytes left on (for TCP with its connection id).
     */
    default void onSent(SipMessage message, Flow flow) {
    }
}
