package org.strowger.sip.transport.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannelConfig;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP listener: every datagram is one SIP message (RFC 3261 §18.3 "each UDP datagram carries one
 * request or response"). On native epoll it binds {@code udpReaders} sockets to the same address with
 * SO_REUSEPORT, each registered on its own I/O thread; the kernel picks the socket by a hash of the
 * source address and port, so one peer's datagrams stay in order on one socket. All of them send
 * from the listener's address and port.
 */
final class UdpListener extends Listener {

    private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);

    /** Receive buffer: any UDP payload fits, so nothing is truncated silently. */
    static final int DATAGRAM_BUFFER = 65536;

    /** The bound sockets, the first also in {@link #channel}; empty until bound. */
    private volatile List<Channel> readers = List.of();

    UdpListener(ListenerSettings settings, ListenerCounters counters) {
        super(settings, counters);
    }

    void bind(IoGroups io, Receiver receiver) {
        UdpOptions udp = settings.udp();
        List<EventLoop> loops = io.workerLoops();
        int count = udp.effectiveReaders(loops.size(), io.canReusePort());
        if (udp.readers() > 1 && count == 1) {
            LOG.info("listener={} udpReaders={} needs native epoll (SO_REUSEPORT): one UDP socket", name(), udp.readers());
        }
        // consecutive I/O threads from the group's next one, so that several listeners spread too
        int first = Math.max(0, loops.indexOf(io.workers().next()));
        InetSocketAddress address = count > 1 ? probe(io, loops.get(first)) : settings.bind();
        List<Channel> bound = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                EventLoop loop = loops.get((first + i) % loops.size());
                Bootstrap b = bootstrap(io, loop, udp, new DatagramHandler(this, receiver));
                if (count > 1) {
                    io.reusePort(b);
                }
                bound.add(Binding.await(b.bind(address), this));
            }
        } catch (RuntimeException e) {
            Binding.closeAll(bound);
            throw e;
        }
        readers = List.copyOf(bound);
        channel = bound.get(0);
        DatagramChannelConfig granted = (DatagramChannelConfig) channel.config();
        LOG.info("listener={} UDP bound to {} ({}, {} socket{}{}); SO_RCVBUF {}; SO_SNDBUF {}", name(), localAddress(),
                io.isEpoll() ? "epoll" : "nio", count, count == 1 ? "" : "s", count > 1 ? " with SO_REUSEPORT" : "",
                SocketBuffers.report(udp.receiveBuffer(), granted.getReceiveBufferSize(), SocketBuffers.RMEM_MAX,
                        SocketBuffers.sysctl(SocketBuffers.RMEM_MAX)),
                SocketBuffers.report(udp.sendBuffer(), granted.getSendBufferSize(), SocketBuffers.WMEM_MAX,
                        SocketBuffers.sysctl(SocketBuffers.WMEM_MAX)));
    }

    private static Bootstrap bootstrap(IoGroups io, EventLoop loop, UdpOptions udp, ChannelInboundHandlerAdapter handler) {
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(io.datagramChannel())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DATAGRAM_BUFFER))
                .handler(handler);
        if (udp.receiveBuffer() > 0) {
            b.option(ChannelOption.SO_RCVBUF, udp.receiveBuffer());
        }
        if (udp.sendBuffer() > 0) {
            b.option(ChannelOption.SO_SNDBUF, udp.sendBuffer());
        }
        return b;
    }

    /**
     * Binds the configured address once without SO_REUSEPORT and releases it: fails, like a single
     * socket would, when anyone holds the port, including another process's SO_REUSEPORT group (which a
     * socket with SO_REUSEPORT would silently join), and turns port 0 into a port nobody uses. Returns
     * the address with the real port.
     */
    private InetSocketAddress probe(IoGroups io, EventLoop loop) {
        Bootstrap b = new Bootstrap().group(loop).channel(io.datagramChannel()).handler(new ChannelInboundHandlerAdapter());
        Channel probe = Binding.await(b.bind(settings.bind()), this);
        int port = ((InetSocketAddress) probe.localAddress()).getPort();
        Binding.close(probe, this);
        return new InetSocketAddress(settings.bind().getAddress(), port);
    }

    /** The bound sockets (one, or udpReaders with SO_REUSEPORT). */
    List<Channel> readers() {
        return readers;
    }

    /**
     * Any socket sends from the listener's address and port. On an I/O thread that reads one of them
     * (a response sent from the handler) that socket, so the write needs no hop to another thread;
     * elsewhere one chosen by the destination, so the datagrams one thread sends to one peer keep
     * their order.
     */
    @Override
    Channel channelFor(InetSocketAddress destination) {
        List<Channel> all = readers;
        if (all.size() < 2) {
            return channel;
        }
        for (Channel c : all) {
            if (c.eventLoop().inEventLoop()) {
                return c;
            }
        }
        return all.get(Math.floorMod(destination.hashCode(), all.size()));
    }

    @Override
    void close() {
        List<Channel> all = readers;
        if (all.isEmpty()) {
            Binding.close(channel, this);
        } else {
            Binding.closeAll(all);
        }
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
