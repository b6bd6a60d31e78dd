package org.strowger.sip.transport.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Bounded waits for bind and close, with errors an operator can act on. */
final class Binding {

    static final long BIND_TIMEOUT_MS = 10_000;
    static final long CLOSE_TIMEOUT_MS = 5_000;

    private Binding() {
    }

    static Channel await(ChannelFuture f, Listener listener) {
        if (!f.awaitUninterruptibly(BIND_TIMEOUT_MS)) {
            f.cancel(false);
            throw new UncheckedIOException(new IOException("Cannot bind SIP " + listener + ": timed out"));
        }
        if (!f.isSuccess()) {
            f.channel().close();
            Throwable cause = f.cause();
            throw new UncheckedIOException(new IOException("Cannot bind SIP listener '" + listener.name() + "' ("
                    + listener.transport() + ") to " + listener.settings.bind() + ": " + cause.getMessage()
                    + "; free the port or change host/port in etc/" + ListenerConfig.FACTORY_PID + "-" + listener.name()
                    + ".cfg (or STROWGER_SIP_HOST / STROWGER_SIP_PORT)", cause));
        }
        return f.channel();
    }

    static void close(Channel channel, Listener listener) {
        if (channel != null) {
            channel.close().awaitUninterruptibly(CLOSE_TIMEOUT_MS);
        }
    }

    /** Closes all at once, then waits for each (together at most about CLOSE_TIMEOUT_MS). */
    static void closeAll(List<Channel> channels) {
        List<ChannelFuture> closing = channels.stream().map(Channel::close).toList();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MS);
        for (ChannelFuture f : closing) {
            f.awaitUninterruptibly(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }
}
