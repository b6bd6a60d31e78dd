package org.strowger.sip.transport.internal;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.Transport;

/**
 * One open TCP connection, inbound (accepted by a listener) or outbound (opened to send a request or
 * a response). Attributed to the TCP listener whose address is its Via sent-by.
 */
final class Connection {

    static final AttributeKey<Connection> KEY = AttributeKey.valueOf(Connection.class, "sip-connection");

    final long id;
    final Channel channel;
    final Listener listener;
    final boolean inbound;
    final Flow flow;

    Connection(long id, Channel channel, Listener listener, boolean inbound) {
        this.id = id;
        this.channel = channel;
        this.listener = listener;
        this.inbound = inbound;
        this.flow = new Flow(Transport.TCP, (InetSocketAddress) channel.localAddress(),
                (InetSocketAddress) channel.remoteAddress(), id);
    }

    InetSocketAddress remote() {
        return flow.remote();
    }

    @Override
    public String toString() {
        return "conn=" + id + " " + (inbound ? "in " : "out ") + Flow.format(flow.remote());
    }
}
