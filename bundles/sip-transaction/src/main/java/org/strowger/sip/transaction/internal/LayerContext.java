package org.strowger.sip.transaction.internal;

import org.strowger.platform.api.Clock;
import org.strowger.platform.api.Ids;
import org.strowger.platform.api.TimerService;
import org.strowger.sip.dns.api.SipResolver;
import org.strowger.sip.transport.api.SipTransport;

/** What the transactions of one layer share: its services, settings, counters, table and user. */
record LayerContext(SipTransport transport, TimerService timerService, CallExecutors executors, Ids ids, Clock clock,
        SipResolver resolver, LayerSettings settings, LayerMetrics metrics, TransactionTable table, UserSlot user) {

    SipTimers timers() {
        return settings.timers();
    }
}
