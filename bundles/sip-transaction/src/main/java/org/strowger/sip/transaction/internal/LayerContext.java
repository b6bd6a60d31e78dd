package org.strowger.sip.transaction.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.platform.api.Clock;
import org.strowger.platform.api.Ids;
import org.strowger.platform.api.TimerService;
import org.strowger.sip.dns.api.SipResolver;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.spi.ServerTransactionUser;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.SipTransport;

/** What the transactions of one layer share: its services, settings, counters, tables and user. */
record LayerContext(SipTransport transport, TimerService timerService, CallExecutors executors, Ids ids, Clock clock,
        SipResolver resolver, LayerSettings settings, LayerMetrics metrics, TransactionTable table, UserSlot user,
        LiveRequests requests) {

    private static final Logger LOG = LoggerFactory.getLogger(LayerContext.class);

    SipTimers timers() {
        return settings.timers();
    }

    /** Whether the layer has stopped ({@code close}): nothing new is started. */
    boolean closed() {
        return executors.isClosed();
    }

    /**
     * A response no client transaction takes (§17.1.3 no match, or a 2xx from another fork reaching an
     * INVITE client transaction in Completed, §13.2.2.4): counted and passed to the server transaction
     * user's {@code onStrayResponse} (on the response's call executor).
     */
    void stray(SipResponse response, Flow flow) {
        metrics.strayResponses.increment();
        ServerTransactionUser u = user.get();
        if (u == null) {
            LOG.debug("call={} stray {} {} from {} dropped: no transaction user", response.callId(),
                    response.statusCode(), response.cseq(), flow);
            return;
        }
        u.onStrayResponse(response, flow);
    }
}
