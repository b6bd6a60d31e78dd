package org.strowger.sip.transport.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty event loop groups shared by every listener and connection: one acceptor thread and
 * {@code ioThreads} I/O threads, native epoll when {@code Epoll.isAvailable()}, NIO otherwise.
 */
final class IoGroups implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IoGroups.class);

    private final boolean epoll;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Duration shutdownTimeout;

    IoGroups(int ioThreads, Duration shutdownTimeout) {
        this.epoll = EpollSupport.available();
        this.shutdownTimeout = shutdownTimeout;
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("strowger-sip-accept", true), factory());
        this.workers = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("strowger-sip-io", true), factory());
        LOG.debug("transport io={} threads={}", epoll ? "epoll" : "nio", ioThreads);
    }

    boolean isEpoll() {
        return epoll;
    }

    EventLoopGroup boss() {
        return boss;
    }

    EventLoopGroup workers() {
        return workers;
    }

    /** The I/O threads one by one, so that each UDP reader can get its own. */
    List<EventLoop> workerLoops() {
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor e : workers) {
            loops.add((EventLoop) e);
        }
        return loops;
    }

    /** Whether several sockets can share one UDP address (SO_REUSEPORT): native epoll only. */
    boolean canReusePort() {
        return epoll;
    }

    /** Sets SO_REUSEPORT on the channels {@code b} creates; only when {@link #canReusePort()}. */
    void reusePort(Bootstrap b) {
        if (!epoll) {
            throw new IllegalStateException("SO_REUSEPORT needs native epoll");
        }
        EpollSupport.reusePort(b);
    }

    Class<? extends DatagramChannel> datagramChannel() {
        return epoll ? EpollSupport.datagramChannel() : NioDatagramChannel.class;
    }

    Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollSupport.serverChannel() : NioServerSocketChannel.class;
    }

    Class<? extends SocketChannel> socketChannel() {
        return epoll ? EpollSupport.socketChannel() : NioSocketChannel.class;
    }

    private IoHandlerFactory factory() {
        return epoll ? EpollSupport.factory() : NioIoHandler.newFactory();
    }

    /** Stops both groups, waiting at most the shutdown timeout (quiet period 0: nothing more to flush). */
    @Override
    public void close() {
        long timeoutMs = shutdownTimeout.toMillis();
        Future<?> b = boss.shutdownGracefully(0, timeoutMs, TimeUnit.MILLISECONDS);
        Future<?> w = workers.shutdownGracefully(0, timeoutMs, TimeUnit.MILLISECONDS);
        boolean done = b.awaitUninterruptibly(timeoutMs + 500) & w.awaitUninterruptibly(timeoutMs + 500);
        if (!done) {
            LOG.warn("transport I/O threads did not stop within {} ms; they are daemon threads and will not block shutdown", timeoutMs);
        }
    }

    /** Touches epoll classes only when asked, so a missing native fragment just means NIO. */
    private static final class EpollSupport {

        static boolean available() {
            try {
                return io.netty.channel.epoll.Epoll.isAvailable();
            } catch (LinkageError e) {
                LOG.debug("epoll classes not present, using NIO: {}", e.toString());
                return false;
            }
        }

        static void reusePort(Bootstrap b) {
            b.option(io.netty.channel.epoll.EpollChannelOption.SO_REUSEPORT, true);
        }

        static IoHandlerFactory factory() {
            return io.netty.channel.epoll.EpollIoHandler.newFactory();
        }

        static Class<? extends DatagramChannel> datagramChannel() {
            return io.netty.channel.epoll.EpollDatagramChannel.class;
        }

        static Class<? extends ServerChannel> serverChannel() {
            return io.netty.channel.epoll.EpollServerSocketChannel.class;
        }

        static Class<? extends SocketChannel> socketChannel() {
            return io.netty.channel.epoll.EpollSocketChannel.class;
        }
    }
}
