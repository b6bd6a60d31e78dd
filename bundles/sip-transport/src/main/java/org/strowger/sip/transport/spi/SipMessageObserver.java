package org.strowger.sip.transport.spi;

import org.osgi.annotation.versioning.ConsumerType;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.transport.api.Flow;

/**
 * Whiteboard: every registered observer sees every accepted inbound message and every message sent
 * (for statistics, capture, homer-style mirroring). Called on an I/O thread: must not block and must
 * not modify the message. Exceptions are caught and logged.
 */
@ConsumerType
public interface SipMessageObserver {

    /** A message was received and accepted, before it is given to the {@link SipMessageHandler}. */
    default void onReceived(SipMessage message, Flow flow) {
    }

    /** A message was written to the network. */
    default void onSent(SipMessage message, Flow flow) {
    }
}
