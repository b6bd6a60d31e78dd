package org.strowger.sip.transport.internal;

/**
 * Bundle-private service through which each {@link SipListenerComponent} opens its socket on the
 * shared transport. Being a service, it makes the listeners restart with the transport.
 */
interface ListenerHost {

    Listener open(ListenerSettings settings);

    void close(Listener listener);
}
