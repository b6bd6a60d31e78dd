package org.strowger.sip.transport.internal;

import org.strowger.sip.transport.spi.SipMessageHandler;
import org.strowger.sip.transport.spi.SipMessageObserver;

/**
 * Bundle-private service of the running transport: each {@link SipListenerComponent} opens its
 * socket through it, and {@link UpperLayerBinding} plugs in the handler and the observers. Being a
 * service, it makes both restart with the transport.
 */
interface ListenerHost {

    Listener open(ListenerSettings settings);

    void close(Listener listener);

    /** Makes {@code handler} the receiver of inbound messages. */
    void setHandler(SipMessageHandler handler);

    /** Removes {@code handler} if it is still the current one. */
    void clearHandler(SipMessageHandler handler);

    void addObserver(SipMessageObserver observer);

    void removeObserver(SipMessageObserver observer);
}
