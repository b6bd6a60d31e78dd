package org.strowger.sip.transport.internal;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All open TCP connections, by id (to answer on the connection a request came in on, RFC 3261
 * §18.2.2) and by remote address (to reuse a connection for requests and responses to the same
 * peer, RFC 3261 §18.1.1 and RFC 5923). Enforces the total and per-source-IP limits.
 */
final class ConnectionTable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTable.class);

    private final int maxConnections;
    private final int maxPerSource;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentMap<Long, Connection> byId = new ConcurrentHashMap<>();
    private final ConcurrentMap<InetSocketAddress, Connection> byRemote = new ConcurrentHashMap<>();
    private final ConcurrentMap<InetAddress, AtomicInteger> inboundPerSource = new ConcurrentHashMap<>();

    ConnectionTable(int maxConnections, int maxPerSource) {
        this.maxConnections = maxConnections;
        this.maxPerSource = maxPerSource;
    }

    /**
     * Admits a newly active channel, or returns null when a limit is reached (the caller closes it
     * and counts the refusal). Inbound connections count against their source IP.
     */
    Connection register(Channel channel, Listener listener, boolean inbound) {
        if (total.incrementAndGet() > maxConnections) {
            total.decrementAndGet();
            LOG.warn("listener={} remote={} refused: maxConnections={} reached", listener.name(),
                    channel.remoteAddress(), maxConnections);
            return null;
        }
        Connection connection = new Connection(ids.incrementAndGet(), channel, listener, inbound);
        if (inbound) {
            AtomicInteger n = inboundPerSource.compute(connection.remote().getAddress(),
                    (ip, count) -> count == null ? new AtomicInteger(1) : incremented(count));
            if (n.get() > maxPerSource) {
                release(connection.remote().getAddress());
                total.decrementAndGet();
                LOG.warn("listener={} remote={} refused: maxConnectionsPerSource={} reached", listener.name(),
                        connection.remote(), maxPerSource);
                return null;
            }
        }
        byId.put(connection.id, connection);
        byRemote.put(connection.remote(), connection);
        listener.counters().openConnections.incrementAndGet();
        channel.attr(Connection.KEY).set(connection);
        return connection;
    }

    /** Forgets a closed connection. Safe to call more than once. */
    void unregister(Connection connection) {
        if (byId.remove(connection.id) == null) {
            return;
        }
        byRemote.remove(connection.remote(), connection);
        total.decrementAndGet();
        connection.listener.counters().openConnections.decrementAndGet();
        if (connection.inbound) {
            release(connection.remote().getAddress());
        }
    }

    /** The open connection with that id, or null. */
    Connection byId(long id) {
        Connection c = byId.get(id);
        return c != null && c.channel.isActive() ? c : null;
    }

    /** An open connection to that remote address, or null. */
    Connection byRemote(InetSocketAddress remote) {
        Connection c = byRemote.get(remote);
        return c != null && c.channel.isActive() ? c : null;
    }

    int size() {
        return total.get();
    }

    /** The open connections of one listener (to close them with it). */
    List<Connection> of(Listener listener) {
        return byId.values().stream().filter(c -> c.listener == listener).toList();
    }

    private static AtomicInteger incremented(AtomicInteger count) {
        count.incrementAndGet();
        return count;
    }

    private void release(InetAddress source) {
        inboundPerSource.computeIfPresent(source, (ip, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
}
