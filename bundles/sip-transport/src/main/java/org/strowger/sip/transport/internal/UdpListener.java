package org.strowger.sip.transport.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A UDP socket: every datagram is one SIP message (RFC 3261 §18.3 "each UDP datagram carries one request or response"). */
final class UdpListener extends Listener {

    private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);

    /** Receive buffer: any UDP payload fits, so nothing is truncated silently. */
    static final int DATAGRAM_BUFFER = 65536;

    UdpListener(ListenerSettings settings, ListenerCounters counters) {
        super(settings, counters);
    }

    void bind(IoGroups io, Receiver receiver) {
        Bootstrap b = new Bootstrap()
                .group(io.workers())
                .channel(io.datagramChannel())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DATAGRAM_BUFFER))
                .handler(new DatagramHandler(this, receiver));
        ChannelFuture f = b.bind(settings.bind());
        channel = Binding.await(f, this);
        LOG.info("listener={} UDP bound to {} ({})", name(), localAddress(), io.isEpoll() ? "epoll" : "nio");
    }

    @Override
    void close() {
        Binding.close(channel, this);
    }

    /** Hands each datagram to the receiver; nothing escapes to the pipeline. */
    static final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {

        private final UdpListener listener;
        private final Receiver receiver;

        DatagramHandler(UdpListener listener, Receiver receiver) {
            this.listener = listener;
            this.receiver = receiver;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            receiver.onDatagram(listener, packet.content(), packet.sender());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // e.g. ICMP port unreachable reported on the socket: the socket stays open.
            LOG.debug("listener={} UDP error: {}", listener.name(), cause.toString());
        }
    }
}
