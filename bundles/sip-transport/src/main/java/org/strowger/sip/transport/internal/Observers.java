package org.strowger.sip.transport.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.spi.SipMessageObserver;

/** The {@link SipMessageObserver} whiteboard; an observer that throws is logged and skipped. */
final class Observers {

    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

    private final List<SipMessageObserver> observers = new CopyOnWriteArrayList<>();

    void add(SipMessageObserver observer) {
        observers.add(observer);
    }

    void remove(SipMessageObserver observer) {
        observers.remove(observer);
    }

    boolean isEmpty() {
        return observers.isEmpty();
    }

    void received(SipMessage message, Flow flow) {
        for (SipMessageObserver o : observers) {
            try {
                o.onReceived(message, flow);
            } catch (RuntimeException e) {
                LOG.warn("flow={} observer {} failed onReceived; fix or remove that bundle", flow, o.getClass().getName(), e);
            }
        }
    }

    void sent(SipMessage message, Flow flow) {
        for (SipMessageObserver o : observers) {
            try {
                o.onSent(message, flow);
            } catch (RuntimeException e) {
                LOG.warn("flow={} observer {} failed onSent; fix or remove that bundle", flow, o.getClass().getName(), e);
            }
        }
    }
}
