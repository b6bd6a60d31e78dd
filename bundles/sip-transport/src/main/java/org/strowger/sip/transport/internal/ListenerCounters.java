package org.strowger.sip.transport.internal;

import java.util.concurrent.atomic.AtomicInteger;
import org.strowger.platform.api.Counter;
import org.strowger.platform.api.Metrics;

/**
 * The counters of one listener, kept in the platform {@link Metrics} registry as
 * {@code sip.transport.<listener>.<counter>} so that they survive a listener restart.
 */
final class ListenerCounters {

    final Counter messagesIn;
    final Counter messagesOut;
    final Counter parseErrors;
    final Counter dropped;
    final Counter connectionsRefused;
    final Counter keepAlives;
    final Counter sendFailures;
    final Counter messageTimeouts;
    final AtomicInteger openConnections = new AtomicInteger();

    ListenerCounters(Metrics metrics, String listener) {
        String prefix = "sip.transport." + listener + ".";
        messagesIn = metrics.counter(prefix + "messages_in");
        messagesOut = metrics.counter(prefix + "messages_out");
        parseErrors = metrics.counter(prefix + "parse_errors");
        dropped = metrics.counter(prefix + "dropped");
        connectionsRefused = metrics.counter(prefix + "connections_refused");
        keepAlives = metrics.counter(prefix + "keepalives");
        sendFailures = metrics.counter(prefix + "send_failures");
        messageTimeouts = metrics.counter(prefix + "message_timeouts");
    }
}
