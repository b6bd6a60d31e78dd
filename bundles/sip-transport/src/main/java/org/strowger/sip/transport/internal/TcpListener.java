package org.strowger.sip.transport.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A TCP server socket; each accepted connection gets the stream pipeline ({@link StreamPipeline}). */
final class TcpListener extends Listener {

    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);

    private final ConnectionTable connections;

    TcpListener(ListenerSettings settings, ListenerCounters counters, ConnectionTable connections) {
        super(settings, counters);
        this.connections = connections;
    }

    void bind(IoGroups io, StreamPipeline pipeline) {
        TcpListener self = this;
        ServerBootstrap b = new ServerBootstrap()
                .group(io.boss(), io.workers())
                .channel(io.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        pipeline.init(ch, self, true);
                    }
                });
        pipeline.childOptions(b);
        ChannelFuture f = b.bind(settings.bind());
        channel = Binding.await(f, this);
        LOG.info("listener={} TCP bound to {} ({})", name(), localAddress(), io.isEpoll() ? "epoll" : "nio");
    }

    /** Stops accepting, then closes every connection of this listener. */
    @Override
    void close() {
        Binding.close(channel, this);
        for (Connection c : connections.of(this)) {
            c.channel.close().awaitUninterruptibly(Binding.CLOSE_TIMEOUT_MS);
            connections.unregister(c);
        }
    }
}
