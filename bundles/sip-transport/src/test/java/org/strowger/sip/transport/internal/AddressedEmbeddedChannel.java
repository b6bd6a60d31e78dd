package org.strowger.sip.transport.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** An EmbeddedChannel with real socket addresses, like an accepted TCP connection. */
final class AddressedEmbeddedChannel extends EmbeddedChannel {

    private final InetSocketAddress local;
    private final InetSocketAddress remote;

    AddressedEmbeddedChannel(InetSocketAddress local, InetSocketAddress remote, ChannelHandler... handlers) {
        super(false, false, handlers);
        this.local = local;
        this.remote = remote;
        try {
            register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected SocketAddress localAddress0() {
        return local;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return remote;
    }
}
