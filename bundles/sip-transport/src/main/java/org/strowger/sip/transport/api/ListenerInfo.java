package org.strowger.sip.transport.api;

import java.net.InetSocketAddress;

/**
 * A snapshot of one listener and its counters.
 *
 * @param name            the {@code name} of its configuration
 * @param transport       UDP or TCP
 * @param address         the bound socket address
 * @param messagesIn      messages received and accepted
 * @param messagesOut     messages sent
 * @param parseErrors     received messages that could not be parsed or framed
 * @param dropped         messages dropped: stray responses, no route, limits, refused connections
 * @param openConnections open TCP connections (inbound and outbound) of this listener; 0 for UDP
 */
public record ListenerInfo(String name, Transport transport, InetSocketAddress address, long messagesIn,
        long messagesOut, long parseErrors, long dropped, int openConnections) {
}
