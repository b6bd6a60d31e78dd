package org.strowger.sip.transport.internal;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline of every TCP connection, inbound or outbound: idle reaping, then
 * {@link SipStreamFramer} (with the per-message deadline tcpMessageTimeout), then
 * {@link StreamHandler} which hands frames to the {@link Receiver}.
 */
final class StreamPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(StreamPipeline.class);

    private final TransportSettings settings;
    private final ConnectionTable connections;
    private final Receiver receiver;

    StreamPipeline(TransportSettings settings, ConnectionTable connections, Receiver receiver) {
        this.settings = settings;
        this.connections = connections;
        this.receiver = receiver;
    }

    void init(Channel ch, Listener listener, boolean inbound) {
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, settings.tcpIdleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("framer", new SipStreamFramer(settings.maxMessageSize(), settings.maxBodySize(),
                        settings.tcpMessageTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("sip", new StreamHandler(listener, inbound));
    }

    /** Socket options of accepted connections. */
    void childOptions(ServerBootstrap b) {
        b.childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, settings.tcpKeepAlive())
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark());
    }

    /** Socket options of outbound connections. */
    void options(AbstractBootstrap<?, ?> b) {
        b.option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, settings.tcpKeepAlive())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.tcpConnectTimeout().toMillis());
    }

    private WriteBufferWaterMark waterMark() {
        int high = settings.maxPendingBytesPerConnection();
        return new WriteBufferWaterMark(high / 2, high);
    }

    /** Registers the connection, delivers frames, reaps idle connections. */
    final class StreamHandler extends ChannelInboundHandlerAdapter {

        private final Listener listener;
        private final boolean inbound;

        StreamHandler(Listener listener, boolean inbound) {
            this.listener = listener;
            this.inbound = inbound;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            // Outbound connections are registered by the connector when the connect completes.
            if (inbound && connections.register(ctx.channel(), listener, true) == null) {
                listener.counters().connectionsRefused.increment();
                listener.counters().dropped.increment();
                ctx.close();
                return;
            }
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof StreamFrame frame)) {
                io.netty.util.ReferenceCountUtil.release(msg);
                return;
            }
            Connection connection = ctx.channel().attr(Connection.KEY).get();
            if (connection == null) { // refused or not yet registered: nothing may be processed
                frame.release();
                if (frame.error() != null) {
                    ctx.close(); // the stream is unusable (framing error, message timeout)
                }
                return;
            }
            receiver.onFrame(connection, frame);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                Connection c = ctx.channel().attr(Connection.KEY).get();
                LOG.debug("listener={} {} idle for {} s, closing", listener.name(), c != null ? c : ctx.channel(),
                        settings.tcpIdleTimeout().toSeconds());
                ctx.close();
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Connection c = ctx.channel().attr(Connection.KEY).get();
            if (c != null) {
                connections.unregister(c);
                LOG.debug("listener={} {} closed", listener.name(), c);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("listener={} remote={} connection error, closing: {}", listener.name(), ctx.channel().remoteAddress(),
                    cause.toString());
            ctx.close();
        }
    }
}
